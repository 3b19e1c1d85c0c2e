using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) with torch's defaults (β₁ 0.9, β₂ 0.999, ε 1e-8) and torch's update, per parameter:
/// <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
/// <c>θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)</c>.
/// <para>
/// The step keeps every <see cref="Scalar"/> it hands to libtorch referenced until libtorch has returned (see
/// <see cref="StepScalars"/>); TorchSharp's own step converts doubles to temporary <see cref="Scalar"/>s that a
/// garbage collection during the native call may free. The state (<c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>
/// per parameter) is TorchSharp's, so checkpoints keep their layout; the type keeps TorchSharp's name, which
/// checkpoints record.
/// </para>
/// </summary>
internal sealed class Adam : TorchSharp.Modules.Adam
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    public Adam(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, Beta1, Beta2, Epsilon)
    {
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        using var scalars = new StepScalars();
        var beta1 = scalars.Of(Beta1);
        var beta2 = scalars.Of(Beta2);
        var oneMinusBeta1 = scalars.Of(1 - Beta1);
        var oneMinusBeta2 = scalars.Of(1 - Beta2);
        var epsilon = scalars.Of(Epsilon);
        var one = scalars.Of(1);
        double learningRate = group.Options.LearningRate!.Value;
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            state.exp_avg.mul_(beta1).add_(grad, oneMinusBeta1);
            state.exp_avg_sq.mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            var biasCorrection2Root = scalars.Of(Math.Sqrt(1 - Math.Pow(Beta2, state.step)));
            var denominator = state.exp_avg_sq.sqrt().div_(biasCorrection2Root).add_(epsilon, one);
            var stepSize = scalars.Of(-learningRate / (1 - Math.Pow(Beta1, state.step)));
            parameter.addcdiv_(state.exp_avg, denominator, stepSize);
        }
    }, closure);
}
