namespace RecSharp.Data.Reading;

/// <summary>
/// Opens a data file for streaming. Gzip (by <c>.gz</c> suffix or magic bytes) is decompressed and checked against
/// its trailers, so a truncated or corrupt file is an error rather than a shorter file; text is decoded strictly.
/// </summary>
public static class DataFileOpener
{
    // Magic bytes of compressed formats that are not read, so that they are named instead of read as text.
    private static readonly (byte[] Magic, string Format)[] Unsupported =
    [
        ([0x50, 0x4B, 0x03, 0x04], "zip"),
        ([0x42, 0x5A, 0x68], "bzip2"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd"),
    ];

    /// <summary>Opens the file's (decompressed) bytes; the caller disposes the stream.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="DataFormatException">
    /// When the file is compressed in a format other than gzip; while reading, when gzip data is truncated or corrupt.
    /// </exception>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.SequentialScan);
        Span<byte> buffer = stackalloc byte[6];
        var magic = buffer[..file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)];
        file.Position = 0;
        if (magic.StartsWith("PAR1"u8))
        {
            file.Dispose();
            throw new DataFormatException(path, null, null, null,
                "the file is Parquet, not text: name it .parquet or set 'data.format: parquet'");
        }

        foreach (var (signature, format) in Unsupported)
        {
            if (magic.StartsWith(signature))
            {
                file.Dispose();
                throw new DataFormatException(path, null, null, null,
                    $"the file is {format}-compressed, which is not read; decompress it, or compress it with gzip");
            }
        }

        var isGzip = magic.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b])
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
