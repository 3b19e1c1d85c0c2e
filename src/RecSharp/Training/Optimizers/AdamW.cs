using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter, ICLR 2019: Adam with decoupled weight decay) with torch's defaults (β₁ 0.9,
/// β₂ 0.999, ε 1e-8, weight decay 1e-2) and torch's update: first <c>θ ← θ · (1 − lr · λ)</c>, then Adam's update
/// (see <see cref="AdamMoments"/>), over a <see cref="FlatGroup"/> where the group can be bound (as
/// <see cref="Adam"/>), parameter by parameter otherwise. The state (<c>step</c>, <c>exp_avg</c>,
/// <c>exp_avg_sq</c>) is TorchSharp's and the type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class AdamW : TorchSharp.Modules.AdamW
{
    /// <summary>λ, the decoupled weight decay (torch's default for AdamW).</summary>
    public const double WeightDecay = 1e-2;

    private readonly AdamMoments _moments = new();
    private readonly FlatBinding _flat;

    public AdamW(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, AdamMoments.Beta1, AdamMoments.Beta2, AdamMoments.Epsilon, WeightDecay)
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
        Scalar decay = scalars.Of(1 - learningRate * WeightDecay);
        _flat.Step(_parameter_groups, group, p => ++StateOf(p).step, (theta, g, states, t) =>
        {
            theta.mul_(decay);
            _moments.Update(theta, g, states[0], states[1], t, learningRate, scalars);
        });
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
