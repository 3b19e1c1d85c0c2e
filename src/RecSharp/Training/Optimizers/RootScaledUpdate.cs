using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// The step Adagrad and RMSProp share: each first folds <c>g²</c> into its accumulator a in its own way, then
/// <c>θ ← θ − lr · g / (√a + ε)</c>. The accumulator is the only state slot of <paramref name="flat"/>.
/// </summary>
/// <param name="flat">The optimizer's binding, which also holds the constants.</param>
/// <param name="epsilon">ε, added to <c>√a</c>.</param>
internal sealed class RootScaledUpdate(FlatBinding flat, double epsilon)
{
    private readonly Scalar _epsilon = flat.Constant(epsilon);

    /// <summary>The constant 1, for accumulations that need an explicit factor of one.</summary>
    public Scalar One { get; } = flat.Constant(1);

    /// <summary>
    /// One step over <paramref name="group"/>, the only group of <paramref name="groups"/>, at the group's learning
    /// rate: <paramref name="accumulate"/> updates the accumulator from the gradient (both of one shape) in place.
    /// </summary>
    public void Step(IList<ParamGroup> groups, ParamGroup group, Func<Parameter, long> countStep,
        Action<Tensor, Tensor> accumulate)
    {
        using var scalars = new StepScalars();
        var negativeLearningRate = scalars.Of(-group.Options.LearningRate!.Value);
        flat.Step(groups, group, countStep, (theta, g, states, _) =>
        {
            accumulate(states[0], g);
            using var denominator = states[0].sqrt().add_(_epsilon, One);
            theta.addcdiv_(g, denominator, negativeLearningRate);
        });
    }
}
