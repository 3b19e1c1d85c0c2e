using System.Buffers.Binary;
using static RecSharp.Persistence.SafeTensors.SafeTensorsText;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Reads a safetensors stream. Every declared size is checked against the real length of the
/// stream before anything is allocated for it.
/// </summary>
internal static class SafeTensorsReader
{
    private const int PrefixLength = 8;

    /// <summary>Reads and validates a whole safetensors stream from its current position.</summary>
    public static SafeTensorsDocument Read(Stream stream, SafeTensorsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxHeaderBytes);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        // Without a length the declared sizes cannot be checked up front, so buffer what is really there.
        Stream source = stream.CanSeek ? stream : BufferRemainder(stream);
        long remaining = source.Length - source.Position;
        long headerLength = ReadHeaderLength(source, remaining, options.MaxHeaderBytes);
        var headerBytes = new byte[headerLength];
        ReadExactly(source, headerBytes, "the header");

        SafeTensorsHeader header = SafeTensorsHeaderParser.Parse(headerBytes);
        FormatVersionCheck.Check(header.Metadata, options.RequireFormatVersionAtMost);
        long dataLength = remaining - PrefixLength - headerLength;
        IReadOnlyList<TensorHeader> ordered = SafeTensorsLayout.Validate(header.Tensors, dataLength);

        var data = new Dictionary<TensorHeader, byte[]>(ReferenceEqualityComparer.Instance);
        foreach (TensorHeader tensor in ordered)
        {
            data[tensor] = ReadTensor(source, tensor);
        }

        var entries = new List<SafeTensorEntry>(header.Tensors.Count);
        foreach (TensorHeader tensor in header.Tensors)
        {
            var entry = new SafeTensorEntry(tensor.Name, tensor.DType, tensor.Shape, data[tensor]);
            if (options.RequireFiniteFloats)
            {
                FiniteValueCheck.Check(entry);
            }

            entries.Add(entry);
        }

        return new SafeTensorsDocument(header.Metadata, entries);
    }

    private static long ReadHeaderLength(Stream source, long remaining, long maxHeaderBytes)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        int read = ReadFully(source, prefix);
        if (read < PrefixLength)
        {
            throw Fail($"File is truncated: it has {read} bytes, fewer than the 8-byte header length prefix.");
        }

        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        ulong limit = (ulong)Math.Min(maxHeaderBytes, Array.MaxLength);
        if (length > limit)
        {
            throw Fail($"Header length {length} bytes exceeds the limit of {limit} bytes " +
                "(SafeTensorsReadOptions.MaxHeaderBytes).");
        }

        long available = remaining - PrefixLength;
        if ((long)length > available)
        {
            throw Fail($"File is truncated or its header length is corrupt: the header length is {length} bytes, "
                + $"but only {available} bytes follow the length prefix.");
        }

        return (long)length;
    }

    private static byte[] ReadTensor(Stream source, TensorHeader tensor)
    {
        long length = tensor.End - tensor.Begin;
        if (length > Array.MaxLength)
        {
            throw Fail(
                $"Tensor {tensor.Quoted} has {length} bytes, more than one .NET array can hold ({Array.MaxLength}).");
        }

        var bytes = new byte[length];
        ReadExactly(source, bytes, $"tensor {tensor.Quoted}");
        return bytes;
    }

    private static void ReadExactly(Stream source, Span<byte> buffer, string what)
    {
        int read = ReadFully(source, buffer);
        if (read < buffer.Length)
        {
            throw Fail($"File is truncated: the stream ended after {read} of the {buffer.Length} bytes of {what}.");
        }
    }

    private static int ReadFully(Stream source, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = source.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static MemoryStream BufferRemainder(Stream stream)
    {
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }
}
