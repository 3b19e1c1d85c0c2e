using System.Buffers.Binary;
using RecSharp.Persistence.SafeTensors;
using static RecSharp.Tests.Persistence.SafeTensorsRoundTripTests;

namespace RecSharp.Tests.Persistence;

public sealed class SafeTensorsHostileFileTests
{
    private const string W4 = "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

    /// <summary>Each hostile file, built from its name, and the text its error message must contain.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "truncated prefix", "it has 5 bytes, fewer than the 8-byte header length prefix" },
        { "truncated header", "the header length is 56 bytes, but only 20 bytes follow the length prefix" },
        { "header length larger than file",
        "the header length is 1000000 bytes, but only 56 bytes follow the length prefix" },
        { "header length over cap", "Header length 18446744073709551615 bytes exceeds the limit of 104857600 bytes" },
        { "truncated data",
        "File is truncated: the header declares 12 bytes of tensor data, but only 9 bytes follow the header" },
        { "truncated single tensor",
        "Tensor 'w' shape [2] declares 2 elements of F32 (8 bytes), more than the whole 5-byte data section" },
        { "invalid UTF-8 header", "Header is not valid UTF-8" },
        { "non-JSON header", "Header is not valid JSON" },
        { "header is an array", "Header must be a JSON object, but it is an array" },
        { "unknown dtype",
        "Tensor 'w' has an unknown dtype 'F128'; known dtypes are F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL" },
        { "dtype not a string", "Tensor 'w' dtype must be a string, but it is the number 32" },
        { "negative shape", "Tensor 'w' shape[0] must not be negative, but it is -1" },
        { "non-integer shape", "Tensor 'w' shape[1] must be an integer, but it is the number 1.5" },
        { "string in shape", "Tensor 'w' shape[0] must be an integer, but it is the string '2'" },
        { "too many offsets", "Tensor 'w' data_offsets has more than 2 entries" },
        { "begin after end", "Tensor 'w' data_offsets [4, 0] have begin greater than end" },
        { "overlapping ranges", "Tensor 'b' data_offsets [4, 12] overlap tensor 'a' data_offsets [0, 8]" },
        { "gap between ranges",
        "Data section has a gap: bytes [4, 8) between tensor 'a' and tensor 'b' belong to no tensor" },
        { "gap at start", "Data section has a gap: bytes [0, 4) between the start of the data section and tensor 'w'" },
        { "trailing bytes",
        "Data section has 4 trailing bytes: the tensors cover bytes [0, 4), but 8 bytes follow the header" },
        { "range out of bounds", "Tensor 'b' data_offsets [100, 104] start past the end of the 4-byte data section" },
        { "shape times dtype differs from range",
        "Tensor 'w' shape [2, 3] of F32 needs 24 bytes, but data_offsets [0, 20] span 20 bytes" },
        { "10^12 elements", "Tensor 'w' shape [1000000, 1000000] declares 1000000000000 elements of F32 " +
            "(4000000000000 bytes), more than the whole 16-byte data section" },
        { "byte size overflow",
        "Tensor 'w' shape [4294967296, 4294967296] of F32 is too large: its byte size overflows a 64-bit integer" },
        { "duplicate tensor key", "Header has the key 'w' more than once" },
        { "duplicate metadata key", "__metadata__ has the key 'k' more than once" },
        { "duplicate field", "Tensor 'w' has the field 'dtype' more than once" },
        { "metadata value not a string", "__metadata__ value for 'k' must be a string, but it is the number 1" },
        { "tensor not an object", "Tensor 'w' must be a JSON object, but it is an array" },
        { "lone surrogate in a name", "Header has a string that is not valid Unicode" },
        { "unknown field", "Tensor 'w' has an unknown field 'extra'; allowed fields are dtype, shape, data_offsets" },
        { "missing field", "Tensor 'w' is missing the field 'data_offsets'" },
        { "NaN in F32 data", "Tensor 'w' (F32) element 2 is NaN" },
        { "infinity in F64 data", "Tensor 'w' (F64) element 1 is -Infinity" },
        { "infinity in BF16 data", "Tensor 'w' (BF16) element 0 is +Infinity" },
        { "newer format version",
        "File was written by a newer RecSharp: format version 2, this reader supports up to 1." },
        { "unparseable format version", "Metadata 'format_version' must be a positive integer, but it is 'one'" },
        { "missing format version", "Metadata declares format 'recsharp-safetensors' but has no 'format_version'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileFileIsRejectedWithItsOwnMessage(string name, string expected)
    {
        byte[] file = Build(name);

        long before = GC.GetAllocatedBytesForCurrentThread();
        SafeTensorsFormatException error = Assert.Throws<SafeTensorsFormatException>(
            () => SafeTensorsFormat.Read(file));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1024 * 1024, $"Reading '{name}' allocated {allocated} bytes.");
    }

    [Fact]
    public void EveryHostileFileHasADistinctMessage()
    {
        var messages = new HashSet<string>();
        foreach (object[] row in Cases)
        {
            string message = Assert.Throws<SafeTensorsFormatException>(
                () => SafeTensorsFormat.Read(Build((string)row[0]))).Message;
            Assert.True(messages.Add(message), $"'{row[0]}' repeats the message: {message}");
        }
    }

    [Fact]
    public void HeaderCapIsConfigurable()
    {
        byte[] file = SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])]);

        SafeTensorsFormatException error = Assert.Throws<SafeTensorsFormatException>(
            () => SafeTensorsFormat.Read(file, new SafeTensorsReadOptions { MaxHeaderBytes = 16 }));

        Assert.Contains("exceeds the limit of 16 bytes", error.Message);
    }

    [Fact]
    public void HeaderLengthJustUnderTheCapOnASmallFileAllocatesNothingLarge()
    {
        var file = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(file, 100UL * 1024 * 1024);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFormat.Read(file));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
    }

    [Fact]
    public void TruncatedHeaderOnAStreamThatCannotSeekFailsCleanly()
    {
        byte[] file = Build("truncated header");

        SafeTensorsFormatException error = Assert.Throws<SafeTensorsFormatException>(
            () => SafeTensorsFormat.Read(new ForwardOnlyStream(file)));

        Assert.Contains("the header length is 56 bytes, but only 20 bytes follow", error.Message);
    }

    [Fact]
    public void EveryTruncationOfAValidFileFailsCleanly()
    {
        byte[] file = ValidFile();
        for (int length = 0; length < file.Length; length++)
        {
            Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFormat.Read(file[..length]));
        }
    }

    [Fact]
    public void EveryBitFlipOfAValidFileEitherReadsOrFailsCleanly()
    {
        byte[] file = ValidFile();
        for (int bit = 0; bit < file.Length * 8; bit++)
        {
            byte[] flipped = (byte[])file.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            try
            {
                SafeTensorsFormat.Read(flipped);
            }
            catch (SafeTensorsFormatException)
            {
                // Rejected with the one expected exception type.
            }
        }
    }

    [Fact]
    public void LongNamesAreShortenedInMessages()
    {
        string name = new('n', 10_000);
        byte[] file = Compose($"{{\"{name}\":{{\"dtype\":\"X\",\"shape\":[1],\"data_offsets\":[0,4]}}}}", new byte[4]);

        SafeTensorsFormatException error = Assert.Throws<SafeTensorsFormatException>(
            () => SafeTensorsFormat.Read(file));

        Assert.Contains("(10000 characters)", error.Message);
        Assert.True(error.Message.Length < 400);
    }

    private static byte[] ValidFile() => SafeTensorsFormat.ToBytes(
        [SafeTensorValues.FromSingles("a", [2], [1f, 2f]), SafeTensorValues.FromInt32s("b", [1], [3])],
        SafeTensorsFormat.WithFormatVersion());

    private static byte[] Build(string name) => name switch
    {
        "truncated prefix" => [1, 2, 3, 4, 5],
        "truncated header" => SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])])[..28],
        "header length larger than file" => WithLength(1_000_000, new byte[56]),
        "header length over cap" => WithLength(ulong.MaxValue, new byte[56]),
        "truncated data" => SafeTensorsFormat.ToBytes(
            [SafeTensorValues.FromSingles("a", [2], [1f, 2f]), SafeTensorValues.FromSingles("b", [1], [3f])])[..^3],
        "truncated single tensor" =>
            SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [2], [1f, 2f])])[..^3],
        "invalid UTF-8 header" => ComposeBytes([(byte)'{', 0xFF, 0xFE, (byte)'}'], []),
        "non-JSON header" => Compose("hello, world", []),
        "header is an array" => Compose("[]", []),
        "unknown dtype" => Tensor("\"w\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,4]}"),
        "dtype not a string" => Tensor("\"w\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}"),
        "negative shape" => Tensor("\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}"),
        "non-integer shape" => Tensor("\"w\":{\"dtype\":\"F32\",\"shape\":[1,1.5],\"data_offsets\":[0,4]}"),
        "string in shape" => Tensor("\"w\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,4]}"),
        "too many offsets" => Tensor("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}"),
        "begin after end" => Tensor("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}"),
        "overlapping ranges" => Compose(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2]," +
                "\"data_offsets\":[4,12]}}",
            new byte[12]),
        "gap between ranges" => Compose(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1]," +
                "\"data_offsets\":[8,12]}}",
            new byte[12]),
        "gap at start" => Compose("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]),
        "trailing bytes" => Compose($"{{{W4}}}", new byte[8]),
        "range out of bounds" => Compose(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1]," +
                "\"data_offsets\":[100,104]}}",
            new byte[4]),
        "shape times dtype differs from range" => Compose(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", new byte[24]),
        "10^12 elements" => Compose(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4000000000000]}}", new byte[16]),
        "byte size overflow" => Compose(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}", new byte[4]),
        "duplicate tensor key" => Tensor($"{W4},{W4}"),
        "duplicate metadata key" => Tensor($"\"__metadata__\":{{\"k\":\"1\",\"k\":\"2\"}},{W4}"),
        "duplicate field" => Tensor("\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"),
        "metadata value not a string" => Tensor($"\"__metadata__\":{{\"k\":1}},{W4}"),
        "tensor not an object" => Tensor("\"w\":[]"),
        "lone surrogate in a name" => Tensor("\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"),
        "unknown field" => Tensor("\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":0}"),
        "missing field" => Tensor("\"w\":{\"dtype\":\"F32\",\"shape\":[1]}"),
        "NaN in F32 data" => SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [3], [0f, 1f, float.NaN])]),
        "infinity in F64 data" =>
            SafeTensorsFormat.ToBytes([SafeTensorValues.FromDoubles("w", [2], [0, double.NegativeInfinity])]),
        "infinity in BF16 data" =>
            SafeTensorsFormat.ToBytes([new SafeTensorEntry("w", SafeTensorDType.BF16, [1], [0x80, 0x7F])]),
        "newer format version" => WithMetadata("recsharp-safetensors", "2"),
        "unparseable format version" => WithMetadata("recsharp-safetensors", "one"),
        "missing format version" => WithMetadata("recsharp-safetensors", null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such hostile file."),
    };

    /// <summary>A header holding the given members, followed by 4 zero bytes of data.</summary>
    private static byte[] Tensor(string members) => Compose($"{{{members}}}", new byte[4]);

    private static byte[] ComposeBytes(byte[] header, byte[] data) =>
        WithLength((ulong)header.Length, [.. header, .. data]);

    private static byte[] WithLength(ulong headerLength, byte[] rest)
    {
        var bytes = new byte[8 + rest.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength);
        rest.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] WithMetadata(string format, string? version)
    {
        var metadata = new Dictionary<string, string> { ["format"] = format };
        if (version is not null)
        {
            metadata["format_version"] = version;
        }

        return SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])], metadata);
    }
}
