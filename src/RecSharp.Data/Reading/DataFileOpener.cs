namespace RecSharp.Data.Reading;

/// <summary>
/// Opens a data file for streaming. Gzip (by <c>.gz</c> suffix or magic bytes) is decompressed and checked against
/// its trailers, so a truncated or corrupt file is an error rather than a shorter file; text is decoded strictly.
/// </summary>
public static class DataFileOpener
{
    /// <summary>Opens the file's (decompressed) bytes; the caller disposes the stream.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="DataFormatException">While reading, when gzip data is truncated or corrupt.</exception>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        var isGzip = (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        return isGzip ? new CheckedGzipStream(file, path) : file;
    }

    /// <summary>
    /// Opens the file as text: UTF-8, or UTF-16/UTF-32 when a byte-order mark says so. The caller disposes the reader.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="DataFormatException">
    /// While reading, when gzip data is truncated or corrupt, or when bytes are not valid text (naming the line).
    /// </exception>
    public static TextReader OpenText(string path) => new StrictTextReader(OpenRead(path), path);
}
