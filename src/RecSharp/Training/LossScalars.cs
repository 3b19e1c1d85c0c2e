using TorchSharp;

namespace RecSharp.Training;

/// <summary>
/// The constant <see cref="Scalar"/>s of the training loss (<see cref="StepLoss"/>), made once per
/// <see cref="TrainingSetup"/> and referenced as long as it, so that a step makes none: a temporary
/// <see cref="Scalar"/> costs an allocation and a finalizer, and one that only a native call's argument refers to can
/// be freed while libtorch reads it (see <see cref="Optimizers.StepScalars"/>).
/// </summary>
internal sealed class LossScalars
{
    public LossScalars(IReadOnlyList<double> lossWeights)
    {
        LossWeights = lossWeights.Select(w => w.ToScalar()).ToArray();
    }

    /// <summary>1, the factor of a plain tensor sum.</summary>
    public Scalar One { get; } = 1.0.ToScalar();

    /// <summary>0.5, what non-finite predictions are replaced with before they reach a loss function.</summary>
    public Scalar Half { get; } = 0.5.ToScalar();

    /// <summary>NaN, the loss of a batch with non-finite predictions.</summary>
    public Scalar NaN { get; } = double.NaN.ToScalar();

    /// <summary>Each task's loss weight.</summary>
    public IReadOnlyList<Scalar> LossWeights { get; }
}
