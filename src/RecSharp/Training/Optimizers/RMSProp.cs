using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// RMSProp with torch's defaults (α 0.99, ε 1e-8, no momentum, not centred) and torch's update, per element:
/// <c>v ← αv + (1−α)g²</c>, <c>θ ← θ − lr · g / (√v + ε)</c>; over a <see cref="FlatGroup"/> where the group can be
/// bound, parameter by parameter otherwise. Every <see cref="TorchSharp.Scalar"/> stays referenced while libtorch
/// reads it (see <see cref="StepScalars"/>); the state (<c>step</c>, <c>square_avg</c>, …) is TorchSharp's and the
/// type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class RMSProp : TorchSharp.Modules.RMSProp
{
    private const double Alpha = 0.99;
    private const double Epsilon = 1e-8;

    private readonly FlatBinding _flat;

    public RMSProp(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, Alpha, Epsilon)
    {
        _flat = new FlatBinding([new StateSlot(p => StateOf(p).square_avg, (p, t) => StateOf(p).square_avg = t)]);
    }

    /// <inheritdoc />
    public override void zero_grad()
    {
        if (!_flat.TryZeroGradients(_parameter_groups)) base.zero_grad();
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        using var scalars = new StepScalars();
        var alpha = scalars.Of(Alpha);
        var oneMinusAlpha = scalars.Of(1 - Alpha);
        var epsilon = scalars.Of(Epsilon);
        var one = scalars.Of(1);
        var negativeLearningRate = scalars.Of(-group.Options.LearningRate!.Value);
        void Update(Tensor theta, Tensor g, Tensor squareAverage)
        {
            squareAverage.mul_(alpha).addcmul_(g, g, oneMinusAlpha);
            var denominator = squareAverage.sqrt().add_(epsilon, one);
            theta.addcdiv_(g, denominator, negativeLearningRate);
        }

        if (_flat.Current(_parameter_groups) is { } flat)
        {
            foreach (var parameter in group.Parameters) StateOf(parameter).step += 1;
            Update(flat.Values, flat.Gradients, flat.States[0]);
            return;
        }
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            var state = StateOf(parameter);
            state.step += 1;
            Update(parameter, grad, state.square_avg);
        }
    }, closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flat.Dispose();
        base.Dispose(disposing);
    }

    private State StateOf(Parameter parameter) => (State)_state[parameter.Handle];
}
