using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Adagrad (Duchi et al., 2011) with torch's defaults (no learning-rate decay or weight decay, initial accumulator 0,
/// ε 1e-10) and torch's update, per parameter: <c>s ← s + g²</c>, <c>θ ← θ − lr · g / (√s + ε)</c>. Its step keeps
/// every <see cref="TorchSharp.Scalar"/> alive while libtorch reads it (see <see cref="StepScalars"/>); the state
/// (<c>step</c>, <c>sum</c>) is TorchSharp's and the type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class Adagrad : TorchSharp.Modules.Adagrad
{
    private const double Epsilon = 1e-10;

    public Adagrad(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, eps: Epsilon)
    {
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        using var scalars = new StepScalars();
        var one = scalars.Of(1);
        var epsilon = scalars.Of(Epsilon);
        var negativeLearningRate = scalars.Of(-group.Options.LearningRate!.Value);
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            state.sum.addcmul_(grad, grad, one);
            var denominator = state.sum.sqrt().add_(epsilon, one);
            parameter.addcdiv_(grad, denominator, negativeLearningRate);
        }
    }, closure);
}
