using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) with torch's defaults (β₁ 0.9, β₂ 0.999, ε 1e-8) and torch's update, per element:
/// <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
/// <c>θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)</c>.
/// <para>
/// The whole model is updated at once over a <see cref="FlatGroup"/> where it can be bound (one float32 group on
/// one device whose parameters all have gradients and share a step count), parameter by parameter otherwise.
/// Every <see cref="Scalar"/> handed to libtorch stays referenced until the step ends (see
/// <see cref="StepScalars"/>). The state (<c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c> per parameter) is
/// TorchSharp's, so checkpoints keep their layout; the type keeps TorchSharp's name, which checkpoints record.
/// </para>
/// </summary>
internal sealed class Adam : TorchSharp.Modules.Adam
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly FlatBinding _flat;

    public Adam(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, Beta1, Beta2, Epsilon)
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
        var moments = new MomentScalars(scalars);
        double learningRate = group.Options.LearningRate!.Value;
        var states = group.Parameters.Select(StateOf).ToArray();
        var flat = states.Select(s => s.step).Distinct().Count() == 1 ? _flat.Current(_parameter_groups) : null;
        if (flat is not null)
        {
            foreach (var state in states) state.step += 1;
            Update(flat.Values, flat.Gradients, flat.States[0], flat.States[1], states[0].step, learningRate, moments, scalars);
            return;
        }
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            var state = StateOf(parameter);
            state.step += 1;
            Update(parameter, grad, state.exp_avg, state.exp_avg_sq, state.step, learningRate, moments, scalars);
        }
    }, closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flat.Dispose();
        base.Dispose(disposing);
    }

    private State StateOf(Parameter parameter) => (State)_state[parameter.Handle];

    // One Adam update of parameter (or flat buffer) θ with gradient g and moments m, v at step t (already counted).
    private static void Update(Tensor theta, Tensor g, Tensor m, Tensor v, long t, double learningRate,
        MomentScalars moments, StepScalars scalars)
    {
        m.mul_(moments.Beta1).add_(g, moments.OneMinusBeta1);
        v.mul_(moments.Beta2).addcmul_(g, g, moments.OneMinusBeta2);
        var biasCorrection2Root = scalars.Of(Math.Sqrt(1 - Math.Pow(Beta2, t)));
        var denominator = v.sqrt().div_(biasCorrection2Root).add_(moments.Epsilon, moments.One);
        var stepSize = scalars.Of(-learningRate / (1 - Math.Pow(Beta1, t)));
        theta.addcdiv_(m, denominator, stepSize);
    }

    // The constants of a step, as scalars held by the step's StepScalars.
    private sealed class MomentScalars(StepScalars scalars)
    {
        public Scalar Beta1 { get; } = scalars.Of(Adam.Beta1);
        public Scalar Beta2 { get; } = scalars.Of(Adam.Beta2);
        public Scalar OneMinusBeta1 { get; } = scalars.Of(1 - Adam.Beta1);
        public Scalar OneMinusBeta2 { get; } = scalars.Of(1 - Adam.Beta2);
        public Scalar Epsilon { get; } = scalars.Of(Adam.Epsilon);
        public Scalar One { get; } = scalars.Of(1);
    }
}
