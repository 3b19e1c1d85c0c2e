using RecSharp.Data.Reading;

namespace RecSharp.Data.Writing;

/// <summary>Writes chunks in the format a file name asks for: Parquet, or CSV (gzip-compressed for <c>.gz</c>).
/// </summary>
public static class DataFileWriter
{
    /// <summary>Writes the chunks to a stream in the format of <paramref name="path"/>'s extension.</summary>
    /// <param name="stream">A writable, seekable stream; left open.</param>
    /// <param name="path">The file name, for its extension.</param>
    /// <param name="chunks">The rows.</param>
    public static void Write(Stream stream, string path, IEnumerable<DataChunk> chunks)
    {
        if (DataFiles.FormatOf(path) == DataFileFormat.Parquet)
        {
            ParquetChunkWriter.Write(stream, chunks);
        }
        else
        {
            CsvChunkWriter.Write(stream, chunks, gzip: path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// The names of <paramref name="count"/> shards of <paramref name="path"/>: <c>name-00000.ext</c>, … in the same
    /// folder (the extension of <c>x.csv.gz</c> is <c>.csv.gz</c>); the path itself when there is one shard.
    /// </summary>
    /// <param name="path">The file name asked for.</param>
    /// <param name="count">The number of shards, at least 1.</param>
    public static IReadOnlyList<string> ShardPaths(string path, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count == 1)
        {
            return [path];
        }

        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(name);
        if (extension.Equals(".gz", StringComparison.OrdinalIgnoreCase))
        {
            extension = Path.GetExtension(name[..^3]) + extension;
        }

        var stem = name[..^extension.Length];
        var folder = Path.GetDirectoryName(path) ?? "";
        return Enumerable.Range(0, count).Select(i => Path.Combine(folder, $"{stem}-{i:D5}{extension}")).ToArray();
    }
}
