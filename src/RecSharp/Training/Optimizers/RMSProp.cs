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
    private readonly RootScaledUpdate _update;
    private readonly Action<Tensor, Tensor> _accumulate;

    public RMSProp(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, Alpha, Epsilon)
    {
        _flat = new FlatBinding([new StateSlot(p => StateOf(p).square_avg, (p, t) => StateOf(p).square_avg = t)]);
        _update = new RootScaledUpdate(_flat, Epsilon);
        var alpha = _flat.Constant(Alpha);
        var oneMinusAlpha = _flat.Constant(1 - Alpha);
        _accumulate = (squareAverage, g) => squareAverage.mul_(alpha).addcmul_(g, g, oneMinusAlpha);
    }

    /// <inheritdoc />
    public override void zero_grad()
    {
        if (!_flat.TryZeroGradients(_parameter_groups)) base.zero_grad();
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(
        group => _update.Step(_parameter_groups, group, p => ++StateOf(p).step, _accumulate), closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flat.Dispose();
        base.Dispose(disposing);
    }

    private State StateOf(Parameter parameter) => (State)_state[parameter.Handle];
}
