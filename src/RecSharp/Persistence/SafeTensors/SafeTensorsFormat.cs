using System.Globalization;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length, a UTF-8 JSON
/// header describing each tensor's dtype, shape and byte range, then the tensor data.
/// Reading is strict: any malformed, truncated or hostile input throws a
/// <see cref="SafeTensorsFormatException"/> that says what is wrong, and declared sizes are checked
/// against the real length of the input before anything is allocated for them.
/// </summary>
internal static class SafeTensorsFormat
{
    /// <summary>The reserved header key holding the string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The metadata key naming the format of a RecSharp file.</summary>
    public const string FormatKey = "format";

    /// <summary>The metadata key holding the RecSharp format version.</summary>
    public const string FormatVersionKey = "format_version";

    /// <summary>The value of <see cref="FormatKey"/> in files RecSharp writes.</summary>
    public const string FormatName = "recsharp-safetensors";

    /// <summary>The RecSharp format version this library writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Writes tensors to a stream. Tensors are stored in ordinal order of their names (whatever order
    /// they are given in), their data back to back from offset 0, and the header is padded with
    /// spaces so the data starts on an 8-byte boundary. Non-finite values are written as given.
    /// </summary>
    /// <param name="stream">The destination, written from its current position.</param>
    /// <param name="entries">The tensors; names must be unique and not <see cref="MetadataKey"/>.</param>
    /// <param name="metadata">Optional metadata; omitted from the header when null or empty.</param>
    /// <exception cref="ArgumentException">An entry is inconsistent, such as data whose length does not match its
    /// shape.</exception>
    public static void Write(Stream stream, IReadOnlyList<SafeTensorEntry> entries,
        IReadOnlyDictionary<string, string>? metadata = null)
        => SafeTensorsWriter.Write(stream, entries, metadata);

    /// <summary>
    /// Writes tensors to a file atomically: the file is either the complete new content or left as it was.
    /// </summary>
    /// <param name="path">The destination file.</param>
    /// <param name="entries">The tensors, as for <see cref="Write(Stream, IReadOnlyList{SafeTensorEntry},
    /// IReadOnlyDictionary{string, string}?)"/>.</param>
    /// <param name="metadata">Optional metadata.</param>
    public static void Write(string path, IReadOnlyList<SafeTensorEntry> entries,
        IReadOnlyDictionary<string, string>? metadata = null)
        => AtomicFile.Write(path, stream => SafeTensorsWriter.Write(stream, entries, metadata));

    /// <summary>Writes tensors to a new byte array.</summary>
    /// <param name="entries">The tensors, as for <see cref="Write(Stream, IReadOnlyList{SafeTensorEntry},
    /// IReadOnlyDictionary{string, string}?)"/>.</param>
    /// <param name="metadata">Optional metadata.</param>
    /// <returns>The file contents.</returns>
    public static byte[] ToBytes(IReadOnlyList<SafeTensorEntry> entries,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, entries, metadata);
        return stream.ToArray();
    }

    /// <summary>Reads and validates a safetensors stream from its current position to its end.</summary>
    /// <param name="stream">The source. A stream that cannot seek is first buffered in memory.</param>
    /// <param name="options">Limits and checks; <see cref="SafeTensorsReadOptions.Default"/> when null.</param>
    /// <returns>The metadata and tensors.</returns>
    /// <exception cref="SafeTensorsFormatException">The input is not an acceptable safetensors file.</exception>
    public static SafeTensorsDocument Read(Stream stream, SafeTensorsReadOptions? options = null)
        => SafeTensorsReader.Read(stream, options ?? SafeTensorsReadOptions.Default);

    /// <summary>Reads and validates a safetensors file.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="options">Limits and checks; <see cref="SafeTensorsReadOptions.Default"/> when null.</param>
    /// <returns>The metadata and tensors.</returns>
    /// <exception cref="SafeTensorsFormatException">The file is not an acceptable safetensors file.</exception>
    public static SafeTensorsDocument Read(string path, SafeTensorsReadOptions? options = null)
    {
        using FileStream stream = File.OpenRead(path);
        return Read(stream, options);
    }

    /// <summary>Reads and validates safetensors content held in memory.</summary>
    /// <param name="bytes">The file contents.</param>
    /// <param name="options">Limits and checks; <see cref="SafeTensorsReadOptions.Default"/> when null.</param>
    /// <returns>The metadata and tensors.</returns>
    /// <exception cref="SafeTensorsFormatException">The content is not an acceptable safetensors file.</exception>
    public static SafeTensorsDocument Read(byte[] bytes, SafeTensorsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, options);
    }

    /// <summary>
    /// Returns a copy of <paramref name="metadata"/> with <see cref="FormatKey"/> set to
    /// <see cref="FormatName"/> and <see cref="FormatVersionKey"/> to <see cref="FormatVersion"/>,
    /// so that readers can refuse files from a newer RecSharp.
    /// </summary>
    /// <param name="metadata">Metadata to extend; may be null.</param>
    /// <returns>The extended metadata.</returns>
    /// <exception cref="ArgumentException">The metadata already holds a different format or version.</exception>
    public static IReadOnlyDictionary<string, string> WithFormatVersion(
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in metadata ?? new Dictionary<string, string>())
        {
            result[pair.Key] = pair.Value;
        }

        SetOnce(result, FormatKey, FormatName);
        SetOnce(result, FormatVersionKey, FormatVersion.ToString(CultureInfo.InvariantCulture));
        return result;
    }

    private static void SetOnce(Dictionary<string, string> metadata, string key, string value)
    {
        if (metadata.TryGetValue(key, out string? existing) && existing != value)
        {
            throw new ArgumentException($"Metadata already has '{key}' = '{existing}', which conflicts with '{value}'.",
            nameof(metadata));
        }

        metadata[key] = value;
    }
}
