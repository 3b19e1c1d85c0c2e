using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Plain stochastic gradient descent as torch's default <c>SGD</c> (no momentum, dampening or weight decay):
/// <c>θ ← θ − lr·g</c>. Its step keeps the learning rate's <see cref="TorchSharp.Scalar"/> alive while libtorch reads
/// it (see <see cref="StepScalars"/>); the type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class SGD : TorchSharp.Modules.SGD
{
    public SGD(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate)
    {
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        using var scalars = new StepScalars();
        var negativeLearningRate = scalars.Of(-group.Options.LearningRate!.Value);
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            parameter.add_(grad, negativeLearningRate);
        }
    }, closure);
}
