using System.IO.Compression;

namespace RecSharp.Data.Reading;

/// <summary>Opens a data file for streaming, decompressing gzip transparently (by <c>.gz</c> suffix or magic bytes).</summary>
public static class DataFileOpener
{
    /// <summary>Opens the file; the caller disposes the stream.</summary>
    /// <param name="path">The file.</param>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        var isGzip = (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        return isGzip ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16) : file;
    }
}
