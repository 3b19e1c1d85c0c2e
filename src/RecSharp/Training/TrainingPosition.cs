namespace RecSharp.Training;

/// <summary>
/// Where a fit stands between two steps, with everything needed to continue it exactly: the epoch in progress and
/// the batches of it already done, the row order of that epoch, what the epoch has accumulated so far (loss and the
/// predictions behind its metrics), the state of libtorch's CPU generator, and the settings that must not change on
/// resume (seed, shuffling, batch size, the training rows and a fingerprint of their labels).
/// </summary>
internal sealed class TrainingPosition
{
    /// <summary>The epoch in progress (zero-based); after an epoch ends, the next one with <see cref="Step"/>
    /// 0.</summary>
    public required int Epoch { get; init; }

    /// <summary>Batches of <see cref="Epoch"/> already done.</summary>
    public required int Step { get; init; }

    /// <summary>Seed of shuffling and dropout.</summary>
    public required int Seed { get; init; }

    /// <summary>Whether rows are shuffled each epoch.</summary>
    public required bool Shuffle { get; init; }

    /// <summary>Rows per step.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Training rows (after any validation split).</summary>
    public required long Rows { get; init; }

    /// <summary>FNV-1a fingerprint of the training labels and mask, to refuse resuming on other data.</summary>
    public required ulong LabelFingerprint { get; init; }

    /// <summary>The row order of <see cref="Epoch"/>; null at an epoch boundary (it is recomputed from the
    /// seed).</summary>
    public long[]? Order { get; init; }

    /// <summary>Sum of the losses of the batches done in <see cref="Epoch"/>.</summary>
    public double LossSum { get; init; }

    /// <summary>Predictions <c>(rows, tasks)</c> of the rows done in <see cref="Epoch"/>, by row; null at an epoch
    /// boundary.</summary>
    public double[,]? Predictions { get; init; }

    /// <summary>
    /// The state of libtorch's default CPU generator (dropout draws from it); rank 0's in a data-parallel fit.
    /// </summary>
    public required byte[] RandomState { get; init; }

    /// <summary>
    /// The processes of a data-parallel fit (1 otherwise); rows, order and predictions are then those of all of them.
    /// </summary>
    public int WorldSize { get; init; } = 1;

    /// <summary>
    /// For a streaming fit, the epoch's order of the stream's parts and the rows whose predictions are kept
    /// (<see cref="Predictions"/> then has that many rows, in the order they were trained on); null in memory.
    /// </summary>
    public StreamPosition? Stream { get; init; }

    /// <summary>In a data-parallel fit, each rank's generator state, by rank; null otherwise.</summary>
    public byte[][]? RankRandomStates { get; init; }
}
