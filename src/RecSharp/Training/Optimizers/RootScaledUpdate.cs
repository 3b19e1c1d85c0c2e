using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>The last step Adagrad and RMSProp share: <c>θ ← θ − lr · g / (√a + ε)</c> for their accumulator a.</summary>
internal static class RootScaledUpdate
{
    /// <summary>
    /// Updates <paramref name="theta"/> in place from gradient <paramref name="g"/> and accumulator
    /// <paramref name="accumulator"/> (already updated), all of one shape.
    /// </summary>
    public static void Apply(Tensor theta, Tensor g, Tensor accumulator, Scalar epsilon, Scalar one,
        Scalar negativeLearningRate)
    {
        using var denominator = accumulator.sqrt().add_(epsilon, one);
        theta.addcdiv_(g, denominator, negativeLearningRate);
    }
}
