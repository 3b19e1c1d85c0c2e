namespace RecSharp.Data.Reading;

/// <summary>
/// Cuts the rows of one file into consecutive chunks of at most a given number of rows, the rule both table readers
/// share: a reader adds each row to <see cref="Current"/> and then yields <see cref="TakeFull"/> when it is not
/// null; after the last row it yields <see cref="TakeLast"/> when that is not null. At least one (possibly empty)
/// chunk is produced, and a last chunk that would be empty after a full one is left out unless it skipped rows.
/// </summary>
/// <param name="first">The builder of the first chunk, which checked the file's columns.</param>
/// <param name="rowsPerChunk">The most rows a chunk holds.</param>
internal sealed class RowChunks(ChunkBuilder first, int rowsPerChunk)
{
    private bool produced;

    /// <summary>The chunk the next row goes into.</summary>
    public ChunkBuilder Current { get; private set; } = first;

    /// <summary>The current chunk when it is full (a new one then takes the next rows), or null.</summary>
    public RawTable? TakeFull()
    {
        if (Current.RowCount < rowsPerChunk)
        {
            return null;
        }

        produced = true;
        var full = Current.Build();
        Current = Current.Next();
        return full;
    }

    /// <summary>The last chunk, or null when it would be an empty chunk after a full one.</summary>
    public RawTable? TakeLast()
        => !produced || Current.RowCount > 0 || Current.HasSkipped ? Current.Build() : null;
}
