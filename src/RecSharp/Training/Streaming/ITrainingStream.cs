namespace RecSharp.Training.Streaming;

/// <summary>
/// Training rows that <see cref="Models.MultiTaskModel"/>'s streaming <c>Fit</c> reads anew every epoch instead of
/// holding them: a list of parts (e.g. files), each read in stored order as consecutive chunks. The fit chooses the
/// order of the parts and shuffles their rows through a bounded buffer (of <c>shuffleBuffer</c> rows).
/// </summary>
public interface ITrainingStream
{
    /// <summary>
    /// The parts' names (e.g. file paths), in stored order; a checkpoint records an epoch's order of them.
    /// </summary>
    IReadOnlyList<string> Parts { get; }

    /// <summary>The rows of all parts together, i.e. of one epoch.</summary>
    long Rows { get; }

    /// <summary>A fingerprint of the data, so that a resumed fit refuses other data than its checkpoint's.</summary>
    ulong Fingerprint { get; }

    /// <summary>
    /// The rows of part <paramref name="part"/> (an index into <see cref="Parts"/>), in stored order, in chunks.
    /// </summary>
    /// <param name="part">The part's index.</param>
    IEnumerable<TrainingChunk> ReadPart(int part);
}
