using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RecSharp.Data.Writing;

/// <summary>
/// Writes chunks as comma-separated UTF-8 text with a header line, optionally gzip-compressed: numbers in invariant
/// round-trip notation, missing strings as empty fields, and fields holding a comma, a quote or a line break quoted.
/// </summary>
public static class CsvChunkWriter
{
    /// <summary>Writes the chunks; the header is the first chunk's column names.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="chunks">The rows, at least one chunk.</param>
    /// <param name="gzip">Whether to compress the text with gzip.</param>
    public static void Write(Stream stream, IEnumerable<DataChunk> chunks, bool gzip)
    {
        using var compressed = gzip ? new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true) : null;
        using var writer = new StreamWriter(compressed ?? stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var first = true;
        var line = new StringBuilder();
        foreach (var chunk in chunks)
        {
            if (first)
            {
                writer.Write(string.Join(',', chunk.Columns.Select(c => Field(c.Key))));
                writer.Write('\n');
                first = false;
            }

            for (var row = 0; row < chunk.RowCount; row++)
            {
                line.Clear();
                foreach (var (_, values) in chunk.Columns)
                {
                    line.Append(line.Length > 0 ? "," : "").Append(Value(values, row));
                }

                writer.Write(line.Append('\n'));
            }
        }
    }

    private static string Value(Array values, int row) => values switch
    {
        int[] ints => ints[row].ToString(CultureInfo.InvariantCulture),
        long[] longs => longs[row].ToString(CultureInfo.InvariantCulture),
        float[] floats => floats[row].ToString("R", CultureInfo.InvariantCulture),
        double[] doubles => doubles[row].ToString("R", CultureInfo.InvariantCulture),
        _ => Field(((string?[])values)[row] ?? ""),
    };

    private static string Field(string text)
        => text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : text;
}
