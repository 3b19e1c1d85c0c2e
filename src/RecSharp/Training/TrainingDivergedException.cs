namespace RecSharp.Training;

/// <summary>The training loss became NaN or infinite; training stopped before the weights were updated with it.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int epoch, int step, double loss)
        : base($"the training loss became {loss} at epoch {epoch + 1}, step {step + 1}; training stopped before applying it " +
               "(lower the learning rate, check the inputs and labels, or pass stopOnNonFiniteLoss: false)")
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
    }

    /// <summary>The zero-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The zero-based step within the epoch.</summary>
    public int Step { get; }

    /// <summary>The non-finite loss.</summary>
    public double Loss { get; }
}
