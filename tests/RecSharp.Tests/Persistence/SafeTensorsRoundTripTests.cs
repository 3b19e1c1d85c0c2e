using System.Buffers.Binary;
using System.Text;
using RecSharp.Persistence.SafeTensors;

namespace RecSharp.Tests.Persistence;

public sealed class SafeTensorsRoundTripTests
{
    public static TheoryData<string, int> DTypes => new()
    {
        { nameof(SafeTensorDType.F32), 4 },
        { nameof(SafeTensorDType.F64), 8 },
        { nameof(SafeTensorDType.F16), 2 },
        { nameof(SafeTensorDType.BF16), 2 },
        { nameof(SafeTensorDType.I64), 8 },
        { nameof(SafeTensorDType.I32), 4 },
        { nameof(SafeTensorDType.I16), 2 },
        { nameof(SafeTensorDType.I8), 1 },
        { nameof(SafeTensorDType.U8), 1 },
        { nameof(SafeTensorDType.Bool), 1 },
    };

    [Theory]
    [MemberData(nameof(DTypes))]
    public void EachDTypeRoundTripsItsBytes(string name, int size)
    {
        var dtype = Enum.Parse<SafeTensorDType>(name);
        Assert.Equal(size, SafeTensorDTypes.ElementSize(dtype));
        byte[] data = FiniteBytes(dtype, 6);
        var entry = new SafeTensorEntry("t", dtype, [2, 3], data);

        SafeTensorsDocument document = SafeTensorsFormat.Read(SafeTensorsFormat.ToBytes([entry]));

        SafeTensorEntry read = Assert.Single(document.Entries);
        Assert.Equal("t", read.Name);
        Assert.Equal(dtype, read.DType);
        Assert.Equal([2L, 3L], read.Shape);
        Assert.Equal(data, read.Data);
    }

    [Fact]
    public void DTypeNamesMatchTheHeaderSpelling()
    {
        Assert.Equal(
            ["F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"],
            SafeTensorDTypes.KnownNames);
        Assert.True(SafeTensorDTypes.TryParse("BOOL", out SafeTensorDType? parsed));
        Assert.Equal(SafeTensorDType.Bool, parsed);
        Assert.False(SafeTensorDTypes.TryParse("f32", out _));
    }

    [Fact]
    public void TypedValuesRoundTrip()
    {
        SafeTensorEntry[] entries =
        [
            SafeTensorValues.FromSingles("f32", [3], [1.5f, -2f, 0f]),
            SafeTensorValues.FromDoubles("f64", [2], [Math.PI, -1e300]),
            SafeTensorValues.FromInt64s("i64", [2], [long.MinValue, long.MaxValue]),
            SafeTensorValues.FromInt32s("i32", [1, 2], [-7, 42]),
        ];

        SafeTensorsDocument document = SafeTensorsFormat.Read(SafeTensorsFormat.ToBytes(entries));

        Assert.Equal([1.5f, -2f, 0f], SafeTensorValues.ToSingles(document["f32"]));
        Assert.Equal([Math.PI, -1e300], SafeTensorValues.ToDoubles(document["f64"]));
        Assert.Equal([long.MinValue, long.MaxValue], SafeTensorValues.ToInt64s(document["i64"]));
        Assert.Equal([-7, 42], SafeTensorValues.ToInt32s(document["i32"]));
        Assert.Throws<ArgumentException>(() => SafeTensorValues.ToDoubles(document["f32"]));
    }

    [Fact]
    public void MetadataRoundTrips()
    {
        var metadata = new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "ünïcödé \"quoted\"" };

        SafeTensorsDocument document = SafeTensorsFormat.Read(
            SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])], metadata));

        Assert.Equal(metadata, document.Metadata);
    }

    [Fact]
    public void NoMetadataReadsAsEmpty()
    {
        byte[] bytes = SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])]);

        Assert.DoesNotContain(SafeTensorsFormat.MetadataKey, Encoding.UTF8.GetString(bytes));
        Assert.Empty(SafeTensorsFormat.Read(bytes).Metadata);
    }

    [Fact]
    public void EmptyTensorAndScalarRoundTrip()
    {
        SafeTensorEntry[] entries =
        [
            new("empty", SafeTensorDType.F32, [0], []),
            new("empty2d", SafeTensorDType.I64, [3, 0], []),
            SafeTensorValues.FromDoubles("scalar", [], [2.5]),
        ];

        SafeTensorsDocument document = SafeTensorsFormat.Read(SafeTensorsFormat.ToBytes(entries));

        Assert.Empty(document["empty"].Data);
        Assert.Equal([0L], document["empty"].Shape);
        Assert.Equal(0, document["empty2d"].ElementCount);
        Assert.Empty(document["scalar"].Shape);
        Assert.Equal(1, document["scalar"].ElementCount);
        Assert.Equal([2.5], SafeTensorValues.ToDoubles(document["scalar"]));
    }

    [Fact]
    public void WriterSortsByNameAndLaysDataOutContiguously()
    {
        SafeTensorEntry[] entries =
        [
            SafeTensorValues.FromInt32s("b", [1], [2]),
            SafeTensorValues.FromInt32s("a", [2], [1, 1]),
        ];

        byte[] bytes = SafeTensorsFormat.ToBytes(entries);
        string header = HeaderOf(bytes);

        Assert.StartsWith(
            "{\"a\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
            header);
        Assert.Equal(["a", "b"], SafeTensorsFormat.Read(bytes).Entries.Select(e => e.Name));
    }

    [Fact]
    public void HeaderIsPaddedWithSpacesToEightBytes()
    {
        for (int nameLength = 1; nameLength <= 9; nameLength++)
        {
            byte[] bytes = SafeTensorsFormat.ToBytes(
                [SafeTensorValues.FromSingles(new string('x', nameLength), [1], [1f])]);
            long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);

            Assert.Equal(0, headerLength % 8);
            Assert.Equal(8 + headerLength + 4, bytes.Length);
            Assert.EndsWith("}", HeaderOf(bytes).TrimEnd(' '));
        }
    }

    [Fact]
    public void ReadsAFileLaidOutByAnotherWriter()
    {
        // Tensors listed out of offset order, metadata last, no padding: all allowed by the format.
        string header = "{\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[4,6]},"
            + "\"a\":{\"shape\":[1],\"data_offsets\":[0,4],\"dtype\":\"F32\"},\"__metadata__\":{\"k\":\"v\"}}";
        byte[] data = [0, 0, 128, 63, 7, 9];

        SafeTensorsDocument document = SafeTensorsFormat.Read(Compose(header, data));

        Assert.Equal(["b", "a"], document.Entries.Select(e => e.Name));
        Assert.Equal([1f], SafeTensorValues.ToSingles(document["a"]));
        Assert.Equal([7, 9], document["b"].Data);
        Assert.Equal("v", document.Metadata["k"]);
    }

    [Fact]
    public void ReadsFromAStreamThatCannotSeek()
    {
        byte[] bytes = SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [2], [1f, 2f])]);

        SafeTensorsDocument document = SafeTensorsFormat.Read(new ForwardOnlyStream(bytes));

        Assert.Equal([1f, 2f], SafeTensorValues.ToSingles(document["w"]));
    }

    [Fact]
    public void WritesAndReadsFiles()
    {
        string folder = Directory.CreateTempSubdirectory("safetensors-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.safetensors");
            SafeTensorsFormat.Write(path, [SafeTensorValues.FromSingles("w", [2], [3f, 4f])],
                SafeTensorsFormat.WithFormatVersion());

            SafeTensorsDocument document = SafeTensorsFormat.Read(path);

            Assert.Equal([3f, 4f], SafeTensorValues.ToSingles(document["w"]));
            Assert.Equal(["model.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FormatVersionMetadataIsAddedAndAccepted()
    {
        IReadOnlyDictionary<string, string> metadata = SafeTensorsFormat.WithFormatVersion(
            new Dictionary<string, string> { ["epoch"] = "1" });

        Assert.Equal("recsharp-safetensors", metadata["format"]);
        Assert.Equal("1", metadata["format_version"]);
        Assert.Equal("1", metadata["epoch"]);
        SafeTensorsDocument document = SafeTensorsFormat.Read(
            SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])], metadata));
        Assert.Equal(metadata, document.Metadata);
        Assert.Throws<ArgumentException>(() => SafeTensorsFormat.WithFormatVersion(
            new Dictionary<string, string> { ["format"] = "other" }));
    }

    [Fact]
    public void NewerFormatVersionIsAcceptedWhenTheCheckIsOff()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "recsharp-safetensors", ["format_version"] = "2" };
        byte[] bytes = SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])], metadata);

        SafeTensorsDocument document = SafeTensorsFormat.Read(bytes,
            new SafeTensorsReadOptions { RequireFormatVersionAtMost = null });
        Assert.Equal("2", document.Metadata["format_version"]);
        SafeTensorsFormat.Read(bytes, new SafeTensorsReadOptions { RequireFormatVersionAtMost = 2 });
    }

    [Fact]
    public void NonFiniteValuesAreAcceptedWhenTheCheckIsOff()
    {
        byte[] bytes = SafeTensorsFormat.ToBytes(
            [SafeTensorValues.FromSingles("w", [2], [float.NaN, float.PositiveInfinity])]);

        SafeTensorsDocument document = SafeTensorsFormat.Read(bytes,
            new SafeTensorsReadOptions { RequireFiniteFloats = false });

        Assert.True(float.IsNaN(SafeTensorValues.ToSingles(document["w"])[0]));
    }

    [Fact]
    public void DocumentLookupReportsMissingNames()
    {
        SafeTensorsDocument document = SafeTensorsFormat.Read(
            SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("w", [1], [1f])]));

        Assert.True(document.Contains("w"));
        Assert.False(document.TryGetEntry("v", out _));
        KeyNotFoundException error = Assert.Throws<KeyNotFoundException>(() => document["v"]);
        Assert.Contains("'v'", error.Message);
    }

    [Fact]
    public void WriterRejectsInconsistentEntries()
    {
        Assert.Contains("needs 8 bytes, but its data has 4", Assert.Throws<ArgumentException>(
            () =>
                SafeTensorsFormat.ToBytes([new SafeTensorEntry("w", SafeTensorDType.F32, [2], new byte[4])])).Message);
        Assert.Contains("names must be unique", Assert.Throws<ArgumentException>(
            () => SafeTensorsFormat.ToBytes(
                [SafeTensorValues.FromSingles("w", [1], [1f]), SafeTensorValues.FromSingles("w", [1], [2f])])).Message);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(
            () => SafeTensorsFormat.ToBytes([SafeTensorValues.FromSingles("__metadata__", [1], [1f])])).Message);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(
            () => SafeTensorsFormat.ToBytes([new SafeTensorEntry("w", SafeTensorDType.F32, [-1], [])])).Message);
    }

    internal static byte[] Compose(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    private static string HeaderOf(byte[] bytes)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return Encoding.UTF8.GetString(bytes, 8, length);
    }

    private static byte[] FiniteBytes(SafeTensorDType dtype, int count)
    {
        int size = SafeTensorDTypes.ElementSize(dtype);
        var data = new byte[count * size];
        for (int i = 0; i < data.Length; i++)
        {
            // Small values keep every float finite: the high byte of each element stays below the exponent's top bits.
            data[i] = (byte)((i % size == size - 1) ? 0x3C : (i * 37) & 0x7F);
        }

        if (dtype == SafeTensorDType.Bool)
        {
            Array.Fill(data, (byte)1, 0, 3);
            Array.Fill(data, (byte)0, 3, 3);
        }

        return data;
    }
}
