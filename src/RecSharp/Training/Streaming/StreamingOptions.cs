namespace RecSharp.Training.Streaming;

/// <summary>How a streaming fit reads its <see cref="ITrainingStream"/>.</summary>
internal sealed record StreamingOptions
{
    /// <summary>The shuffle buffer's rows unless set.</summary>
    public const int DefaultShuffleBuffer = 100_000;

    /// <summary>
    /// Rows held by the shuffle buffer; default 100,000. Each epoch, the parts are read in a seeded shuffled order;
    /// rows fill the buffer, then each new row takes the place of a row drawn at random from it, which is trained on;
    /// at the end the buffer empties in a seeded random order. A buffer that holds the whole epoch gives the order
    /// of an in-memory fit with the same seed (see <see cref="RowOrder"/>).
    /// </summary>
    public int ShuffleBuffer { get; init; } = DefaultShuffleBuffer;

    /// <summary>Converted chunks the background reader may keep ready ahead of training; default 2.</summary>
    public int PrefetchChunks { get; init; } = 2;

    /// <summary>
    /// Rows per converted chunk, rounded to whole batches; default 4,096, so that a chunk's arrays of one value per
    /// row (8 bytes or less each) stay below the large object heap's 85,000 bytes and are collected young.
    /// </summary>
    public int ChunkRows { get; init; } = 4_096;

    /// <summary>
    /// The epoch's first rows whose predictions are kept for its training metrics (the loss covers every row);
    /// default 1,000,000, so that the metrics' memory stays bounded too.
    /// </summary>
    public long MetricRows { get; init; } = 1_000_000;
}
