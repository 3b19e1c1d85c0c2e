using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// RMSProp with torch's defaults (α 0.99, ε 1e-8, no momentum, not centred) and torch's update, per parameter:
/// <c>v ← αv + (1−α)g²</c>, <c>θ ← θ − lr · g / (√v + ε)</c>. Its step keeps every <see cref="TorchSharp.Scalar"/>
/// alive while libtorch reads it (see <see cref="StepScalars"/>); the state (<c>step</c>, <c>square_avg</c>, …) is
/// TorchSharp's and the type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class RMSProp : TorchSharp.Modules.RMSProp
{
    private const double Alpha = 0.99;
    private const double Epsilon = 1e-8;

    public RMSProp(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, Alpha, Epsilon)
    {
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
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            state.square_avg.mul_(alpha).addcmul_(grad, grad, oneMinusAlpha);
            var denominator = state.square_avg.sqrt().add_(epsilon, one);
            parameter.addcdiv_(grad, denominator, negativeLearningRate);
        }
    }, closure);
}
