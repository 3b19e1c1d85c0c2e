using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) with torch's defaults (β₁ 0.9, β₂ 0.999, ε 1e-8) and torch's update, per element:
/// <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
/// <c>θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)</c>; with a decoupled weight decay λ (<see cref="AdamW"/>),
/// <c>θ ← θ · (1 − lr · λ)</c> comes first.
/// <para>
/// The whole model is updated at once over a <see cref="FlatGroup"/> where it can be bound (one float32 group on
/// one device whose parameters all have gradients and share a step count), parameter by parameter otherwise.
/// Every <see cref="Scalar"/> handed to libtorch stays referenced while libtorch reads it: the constants for the
/// optimizer's lifetime, the rest until the step ends (see <see cref="StepScalars"/>). The state (<c>step</c>,
/// <c>exp_avg</c>, <c>exp_avg_sq</c> per parameter) is TorchSharp's, so checkpoints keep their layout; the type keeps
/// TorchSharp's name, which checkpoints record.
/// </para>
/// </summary>
internal class Adam : TorchSharp.Modules.Adam
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly double _decoupledWeightDecay;
    private readonly FlatBinding _flat;
    private readonly Scalar _beta1;
    private readonly Scalar _beta2;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Scalar _one;

    public Adam(IEnumerable<Parameter> parameters, double learningRate)
        : this(parameters, learningRate, decoupledWeightDecay: 0)
    {
    }

    /// <summary>
    /// Adam whose steps first multiply the weights by <c>1 − lr · λ</c>, λ = <paramref name="decoupledWeightDecay"/>.
    /// </summary>
    protected Adam(IEnumerable<Parameter> parameters, double learningRate, double decoupledWeightDecay)
        : base(parameters, learningRate, Beta1, Beta2, Epsilon)
    {
        _decoupledWeightDecay = decoupledWeightDecay;
        _flat = new FlatBinding([
            new StateSlot(p => StateOf(p).exp_avg, (p, t) => StateOf(p).exp_avg = t),
            new StateSlot(p => StateOf(p).exp_avg_sq, (p, t) => StateOf(p).exp_avg_sq = t),
        ]);
        _beta1 = _flat.Constant(Beta1);
        _beta2 = _flat.Constant(Beta2);
        _oneMinusBeta1 = _flat.Constant(1 - Beta1);
        _oneMinusBeta2 = _flat.Constant(1 - Beta2);
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
        double learningRate = group.Options.LearningRate!.Value;
        var decay = _decoupledWeightDecay == 0 ? null : scalars.Of(1 - learningRate * _decoupledWeightDecay);
        _flat.Step(_parameter_groups, group, p => ++StateOf(p).step, (theta, g, states, t) =>
        {
            if (decay is not null) theta.mul_(decay);
            Update(theta, g, states[0], states[1], t, learningRate, scalars);
        });
    }, closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flat.Dispose();
        base.Dispose(disposing);
    }

    private State StateOf(Parameter parameter) => (State)_state[parameter.Handle];

    // One Adam update of parameter (or flat buffer) θ with gradient g and moments m, v at step t (already counted).
    private void Update(Tensor theta, Tensor g, Tensor m, Tensor v, long t, double learningRate, StepScalars scalars)
    {
        m.mul_(_beta1).add_(g, _oneMinusBeta1);
        v.mul_(_beta2).addcmul_(g, g, _oneMinusBeta2);
        var biasCorrection2Root = scalars.Of(Math.Sqrt(1 - Math.Pow(Beta2, t)));
        using var denominator = v.sqrt().div_(biasCorrection2Root).add_(_epsilon, _one);
        var stepSize = scalars.Of(-learningRate / (1 - Math.Pow(Beta1, t)));
        theta.addcdiv_(m, denominator, stepSize);
    }
}
