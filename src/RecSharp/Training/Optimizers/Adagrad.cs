using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Adagrad (Duchi et al., 2011) with torch's defaults (no learning-rate decay or weight decay, initial accumulator 0,
/// ε 1e-10) and torch's update, per element: <c>s ← s + g²</c>, <c>θ ← θ − lr · g / (√s + ε)</c>; over a
/// <see cref="FlatGroup"/> where the group can be bound, parameter by parameter otherwise. Every
/// <see cref="Scalar"/> stays referenced while libtorch reads it (see <see cref="StepScalars"/>); the state
/// (<c>step</c>, <c>sum</c>) is TorchSharp's and the type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class Adagrad : TorchSharp.Modules.Adagrad
{
    private const double Epsilon = 1e-10;

    private readonly FlatBinding _flat;
    private readonly RootScaledUpdate _update;

    public Adagrad(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, eps: Epsilon)
    {
        _flat = new FlatBinding([new StateSlot(p => StateOf(p).sum, (p, t) => StateOf(p).sum = t)]);
        _update = new RootScaledUpdate(_flat, Epsilon);
    }

    /// <inheritdoc />
    public override void zero_grad()
    {
        if (!_flat.TryZeroGradients(_parameter_groups)) base.zero_grad();
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(
        group => _update.Step(_parameter_groups, group, p => ++StateOf(p).step,
            (sum, g) => sum.addcmul_(g, g, _update.One)),
        closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flat.Dispose();
        base.Dispose(disposing);
    }

    private State StateOf(Parameter parameter) => (State)_state[parameter.Handle];
}
