namespace RecSharp.Training;

/// <summary>
/// Training diverged: the loss, the model's outputs or its weights became NaN or infinite. Training stopped before a
/// step computed from them was applied, and no checkpoint was written from non-finite weights, so the last
/// checkpoint written is intact.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    private const string Advice =
        "lower the learning rate, check the inputs and labels, or pass stopOnNonFiniteLoss: false";

    /// <summary>Creates the exception for a loss that became non-finite.</summary>
    public TrainingDivergedException(int epoch, int step, double loss)
        : this(epoch, step, loss,
            $"the training loss became {loss} at {Where(epoch, step)}; training stopped before applying it ({Advice})")
    {
    }

    private TrainingDivergedException(int epoch, int step, double loss, string message) : base(message)
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
    }

    /// <summary>The zero-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The zero-based step within the epoch.</summary>
    public int Step { get; }

    /// <summary>The loss of the step (NaN when the outputs or weights diverged first).</summary>
    public double Loss { get; }

    /// <summary>The model's outputs of a step were NaN or infinite (so its loss could not be computed).</summary>
    internal static TrainingDivergedException NonFiniteOutputs(int epoch, int step) =>
        new(epoch, step, double.NaN, $"the model's outputs became NaN or infinite at {Where(epoch, step)}; " +
            $"training stopped before applying the step ({Advice})");

    /// <summary>The weight <paramref name="key"/> held <paramref name="value"/> after a step.</summary>
    internal static TrainingDivergedException NonFiniteWeights(int epoch, int step, string key, string value) =>
        new(epoch, step, double.NaN, $"the weight \"{key}\" became {value} after {Where(epoch, step)}; " +
            $"training stopped and no checkpoint was written from these weights ({Advice})");

    private static string Where(int epoch, int step) => $"epoch {epoch + 1}, step {step + 1}";
}
