using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Adagrad (Duchi et al., 2011) with torch's defaults (no learning-rate decay or weight decay, initial accumulator 0,
/// ε 1e-10) and torch's update, per element: <c>s ← s + g²</c>, <c>θ ← θ − lr · g / (√s + ε)</c>; over a
/// <see cref="FlatGroup"/> where the group can be bound, parameter by parameter otherwise. Every
/// <see cref="TorchSharp.Scalar"/> stays referenced while libtorch reads it (see <see cref="StepScalars"/>); the state
/// (<c>step</c>, <c>sum</c>) is TorchSharp's and the type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class Adagrad : TorchSharp.Modules.Adagrad
{
    private const double Epsilon = 1e-10;

    private readonly FlatBinding _flat;

    public Adagrad(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, eps: Epsilon)
    {
        _flat = new FlatBinding([new StateSlot(p => StateOf(p).sum, (p, t) => StateOf(p).sum = t)]);
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
        var one = scalars.Of(1);
        var epsilon = scalars.Of(Epsilon);
        var negativeLearningRate = scalars.Of(-group.Options.LearningRate!.Value);
        void Update(Tensor theta, Tensor g, Tensor sum)
        {
            sum.addcmul_(g, g, one);
            var denominator = sum.sqrt().add_(epsilon, one);
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
            Update(parameter, grad, state.sum);
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
