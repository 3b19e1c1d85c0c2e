namespace RecSharp.Data.Reading;

/// <summary>Reads the requested columns of one data file, in chunks of rows.</summary>
public interface ITableReader
{
    /// <summary>
    /// Reads the file in consecutive tables of at most <paramref name="rowsPerChunk"/> rows; each chunk reports the
    /// rows skipped within it. The file is opened on first enumeration. At least one (possibly empty) chunk is
    /// produced.
    /// </summary>
    /// <param name="path">The data file.</param>
    /// <param name="rowsPerChunk">The maximum rows per chunk.</param>
    /// <exception cref="DataFormatException">
    /// When a required column is absent or (unless skipping) a row is bad.
    /// </exception>
    IEnumerable<RawTable> ReadChunks(string path, int rowsPerChunk);
}
