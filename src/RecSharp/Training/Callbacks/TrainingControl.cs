namespace RecSharp.Training.Callbacks;

/// <summary>State shared between a running fit and its callbacks.</summary>
public sealed class TrainingControl
{
    /// <summary>Set to end training after the current epoch.</summary>
    public bool StopRequested { get; set; }

    /// <summary>
    /// This process's rank in a data-parallel fit (0 otherwise). Every rank runs the same callbacks; only rank 0
    /// writes files (<see cref="ModelCheckpoint"/> writes there alone).
    /// </summary>
    public int Rank { get; internal set; }

    /// <summary>Where the fit stands, for checkpoints; set by the running fit.</summary>
    internal Func<TrainingPosition>? PositionSource { get; set; }

    /// <summary>Where the fit stands now (between two steps, or at the end of an epoch).</summary>
    internal TrainingPosition CurrentPosition() =>
        PositionSource?.Invoke() ?? throw new InvalidOperationException("the training position is only known while a fit runs");
}
