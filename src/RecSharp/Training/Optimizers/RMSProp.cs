using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// RMSProp with torch's defaults (α 0.99, ε 1e-8, no momentum, not centred) and torch's update, per element:
/// <c>v ← αv + (1−α)g²</c>, <c>θ ← θ − lr · g / (√v + ε)</c>; over a <see cref="FlatGroup"/> where the group can be
/// bound, parameter by parameter otherwise. Every <see cref="Scalar"/> stays referenced while libtorch
/// reads it (see <see cref="StepScalars"/>); the state (<c>step</c>, <c>square_avg</c>, …) is TorchSharp's and the
/// type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class RMSProp : TorchSharp.Modules.RMSProp
{
    private const double Alpha = 0.99;
    private const double Epsilon = 1e-8;

    private readonly FlatBinding _flat;
    private readonly Scalar _alpha;
    private readonly Scalar _oneMinusAlpha;
    private readonly Scalar _epsilon;
    private readonly Scalar _one;

    public RMSProp(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, Alpha, Epsilon)
    {
        _flat = new FlatBinding([new StateSlot(p => StateOf(p).square_avg, (p, t) => StateOf(p).square_avg = t)]);
        _alpha = _flat.Constant(Alpha);
        _oneMinusAlpha = _flat.Constant(1 - Alpha);
        _epsilon = _flat.Constant(Epsilon);
        _one = _flat.Constant(1);
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
        var negativeLearningRate = scalars.Of(-group.Options.LearningRate!.Value);
        _flat.Step(_parameter_groups, group, p => ++StateOf(p).step, (theta, g, states, _) =>
        {
            states[0].mul_(_alpha).addcmul_(g, g, _oneMinusAlpha);
            RootScaledUpdate.Apply(theta, g, states[0], _epsilon, _one, negativeLearningRate);
        });
    }, closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flat.Dispose();
        base.Dispose(disposing);
    }

    private State StateOf(Parameter parameter) => (State)_state[parameter.Handle];
}
