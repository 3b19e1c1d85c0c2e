using System.Buffers.Binary;
using System.Text.Json;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Writes tensors in ordinal name order with contiguous data and a header padded with spaces to a
/// multiple of 8 bytes.
/// </summary>
internal static class SafeTensorsWriter
{
    /// <summary>Validates the entries and writes the whole file to the stream.</summary>
    public static void Write(Stream stream, IReadOnlyList<SafeTensorEntry> entries,
        IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entries);
        SafeTensorEntry[] ordered = [.. entries.OrderBy(e => e?.Name, StringComparer.Ordinal)];
        Validate(ordered, metadata);

        byte[] header = BuildHeader(ordered, metadata);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (SafeTensorEntry entry in ordered)
        {
            stream.Write(entry.Data);
        }
    }

    private static void Validate(SafeTensorEntry[] ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        for (int i = 0; i < ordered.Length; i++)
        {
            SafeTensorEntry entry = ordered[i]
                ?? throw new ArgumentException("Entries must not contain null.", "entries");
            SafeTensorEntryCheck.Require(entry);
            if (i > 0 && ordered[i - 1].Name == entry.Name)
            {
                throw new ArgumentException($"Two tensors are named '{entry.Name}'; names must be unique.", "entries");
            }
        }

        foreach (KeyValuePair<string, string> pair in metadata ?? new Dictionary<string, string>())
        {
            if (pair.Key is null || pair.Value is null)
            {
                throw new ArgumentException("Metadata keys and values must not be null.", nameof(metadata));
            }
        }
    }

    private static byte[] BuildHeader(SafeTensorEntry[] ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(SafeTensorsFormat.MetadataKey);
                foreach (KeyValuePair<string, string> pair in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(pair.Key, pair.Value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (SafeTensorEntry entry in ordered)
            {
                WriteTensor(writer, entry, offset);
                offset += entry.Data.Length;
            }

            writer.WriteEndObject();
        }

        int padding = (int)((8 - (json.Length % 8)) % 8);
        for (int i = 0; i < padding; i++)
        {
            json.WriteByte((byte)' ');
        }

        return json.ToArray();
    }

    private static void WriteTensor(Utf8JsonWriter writer, SafeTensorEntry entry, long offset)
    {
        writer.WriteStartObject(entry.Name);
        writer.WriteString("dtype", SafeTensorDTypes.GetName(entry.DType));
        writer.WriteStartArray("shape");
        foreach (long dimension in entry.Shape)
        {
            writer.WriteNumberValue(dimension);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("data_offsets");
        writer.WriteNumberValue(offset);
        writer.WriteNumberValue(offset + entry.Data.Length);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
