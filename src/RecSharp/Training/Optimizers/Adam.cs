using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) with torch's defaults and update (see <see cref="AdamMoments"/>).
/// <para>
/// The whole model is updated at once over a <see cref="FlatGroup"/> where it can be bound (one float32 group on
/// one device whose parameters all have gradients and share a step count), parameter by parameter otherwise.
/// Every <see cref="TorchSharp.Scalar"/> handed to libtorch stays referenced while libtorch reads it (see
/// <see cref="StepScalars"/>). The state (<c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c> per parameter) is
/// TorchSharp's, so checkpoints keep their layout; the type keeps TorchSharp's name, which checkpoints record.
/// </para>
/// </summary>
internal sealed class Adam : TorchSharp.Modules.Adam
{
    private readonly AdamMoments _moments = new();
    private readonly FlatBinding _flat;

    public Adam(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, AdamMoments.Beta1, AdamMoments.Beta2, AdamMoments.Epsilon)
    {
        _flat = new FlatBinding([
            new StateSlot(p => StateOf(p).exp_avg, (p, t) => StateOf(p).exp_avg = t),
            new StateSlot(p => StateOf(p).exp_avg_sq, (p, t) => StateOf(p).exp_avg_sq = t),
        ]);
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
        double learningRate = group.Options.LearningRate!.Value;
        _flat.Step(_parameter_groups, group, p => ++StateOf(p).step,
            (theta, g, states, t) => _moments.Update(theta, g, states[0], states[1], t, learningRate, scalars));
    }, closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _flat.Dispose();
            _moments.Dispose();
        }
        base.Dispose(disposing);
    }

    private State StateOf(Parameter parameter) => (State)_state[parameter.Handle];
}
