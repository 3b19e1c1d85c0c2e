using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// Plain stochastic gradient descent as torch's default <c>SGD</c> (no momentum, dampening or weight decay):
/// <c>θ ← θ − lr·g</c>, over a <see cref="FlatGroup"/> in one operation where the group can be bound, parameter by
/// parameter otherwise. The learning rate's <see cref="TorchSharp.Scalar"/> stays referenced while libtorch reads it
/// (see <see cref="StepScalars"/>); the type keeps TorchSharp's name, which checkpoints record.
/// </summary>
internal sealed class SGD : TorchSharp.Modules.SGD
{
    private readonly FlatBinding _flat = new([]);

    public SGD(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate)
    {
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
        var negativeLearningRate = scalars.Of(-group.Options.LearningRate!.Value);
        _flat.Step(_parameter_groups, group, _ => 0, (theta, g, _, _) => theta.add_(g, negativeLearningRate));
    }, closure);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flat.Dispose();
        base.Dispose(disposing);
    }
}
