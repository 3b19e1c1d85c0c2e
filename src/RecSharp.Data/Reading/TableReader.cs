namespace RecSharp.Data.Reading;

/// <summary>
/// What the table readers share: a file is read whole or in chunks of rows, and the chunk size is checked when
/// <see cref="ReadChunks"/> is called, although the file is opened on first enumeration.
/// </summary>
public abstract class TableReader : ITableReader
{
    private protected TableReader()
    {
    }

    /// <summary>Reads the whole file.</summary>
    /// <param name="path">The data file.</param>
    /// <exception cref="DataFormatException">When the file cannot be read, a required column is absent or (unless
    /// skipping) a row is bad.</exception>
    public RawTable Read(string path) => ReadChunks(path, int.MaxValue).Single();

    /// <inheritdoc />
    public IEnumerable<RawTable> ReadChunks(string path, int rowsPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerChunk);
        return ReadChunksOf(path, rowsPerChunk);
    }

    /// <summary>Opens the file and reads its chunks, as they are enumerated.</summary>
    /// <param name="path">The data file.</param>
    /// <param name="rowsPerChunk">The most rows a chunk holds, at least 1.</param>
    private protected abstract IEnumerable<RawTable> ReadChunksOf(string path, int rowsPerChunk);
}
