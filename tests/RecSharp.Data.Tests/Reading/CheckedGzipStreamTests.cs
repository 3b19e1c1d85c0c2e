using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Reading;

public class CheckedGzipStreamTests : IDisposable
{
    private static readonly ColumnRequest[] UserPrice =
    [
        new() { Name = "user" },
        new() { Name = "price", Kind = ColumnValueKind.Number },
    ];

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FileCutAtAFlushPointIsTruncatedInStrictAndSkippingModes(bool skipBadRows)
    {
        var (bytes, flushedAt) = Gzip(Rows(0, 400), flushAfter: Rows(0, 200).Length);
        var path = WriteBytes("cut.csv.gz", bytes[..flushedAt]);

        var error = Assert.Throws<DataFormatException>(() => Read(path, skipBadRows));

        Assert.StartsWith(path + ": the gzip file is truncated or corrupt", error.Message);
    }

    [Theory]
    [InlineData(8, "truncated")]
    [InlineData(3, "truncated")]
    public void MissingOrPartialTrailerIsAnError(int cut, string expected)
    {
        var (bytes, _) = Gzip(Rows(0, 50));
        var path = WriteBytes("no-trailer.gz", bytes[..^cut]);

        Assert.Contains(expected, Assert.Throws<DataFormatException>(() => Read(path)).Message);
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(-2)]
    public void TrailerThatDoesNotMatchTheDataIsAnError(int fromEnd)
    {
        var (bytes, _) = Gzip(Rows(0, 50));
        bytes[bytes.Length + fromEnd] ^= 0x5A;
        var path = WriteBytes("bad-trailer.gz", bytes);

        var error = Assert.Throws<DataFormatException>(() => Read(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public void RandomBytesAfterAGzipHeaderAreCorrupt()
    {
        var random = new byte[4000];
        new Random(5).NextBytes(random);
        byte[] header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
        var path = WriteBytes("random.gz", [.. header, .. random]);

        var error = Assert.Throws<DataFormatException>(() => Read(path, skipBadRows: true));

        Assert.Equal(path + ": the gzip file is corrupt: its compressed data cannot be decoded", error.Message);
    }

    [Fact]
    public void FileNamedGzWithoutGzipDataIsRefused()
    {
        var path = folder.Write("plain.csv.gz", "user,price\nu1,1\n");
        Assert.Contains("not gzip data", Assert.Throws<DataFormatException>(() => Read(path)).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 20, 0 }, "zip")]
    [InlineData(new byte[] { 0x42, 0x5A, 0x68, 0x39, 0x31, 0x41 }, "bzip2")]
    [InlineData(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }, "xz")]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00 }, "zstd")]
    public void OtherCompressionFormatsAreNamedInsteadOfReadAsText(byte[] magic, string format)
    {
        var path = WriteBytes("data.csv." + format, [.. magic, .. new byte[100]]);

        var error = Assert.Throws<DataFormatException>(() => Read(path));

        Assert.StartsWith($"{path}: the file is {format}-compressed, which is not read", error.Message);
    }

    [Fact]
    public void EmptyGzFileIsTruncated()
    {
        var path = WriteBytes("empty.gz", []);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => Read(path)).Message);
    }

    [Fact]
    public void ConcatenatedMembersWithOptionalHeaderFieldsAreReadWhole()
    {
        var (first, _) = Gzip(Rows(0, 300));
        var second = GzipWithHeaderFields(Rows(300, 200)[("user,price\n".Length)..]);
        var path = WriteBytes("two.csv.gz", [.. first, .. second, .. new byte[512]]);

        var table = Read(path);

        Assert.Equal(500, table.RowCount);
        Assert.Equal("u499", table.TextOf("user")[^1]);
    }

    [Fact]
    public void BytesAfterTheLastMemberThatAreNotZeroPaddingAreCorrupt()
    {
        var (bytes, _) = Gzip(Rows(0, 20));
        var path = WriteBytes("garbage-after.gz", [.. bytes, 0, 0, 7]);

        var error = Assert.Throws<DataFormatException>(() => Read(path));

        Assert.Contains($"the bytes after member 1 (at byte {bytes.Length}) are not a gzip header", error.Message);
    }

    [Fact]
    public void LargeFileOfManyDeflateBlocksPassesItsCheck()
    {
        var text = Rows(0, 60_000);
        var (bytes, _) = Gzip(text);
        Assert.True(bytes.Length > 200_000, "the file must span many reads of the decompressor");
        var path = WriteBytes("large.csv.gz", bytes);

        using var stream = DataFileOpener.OpenRead(path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        Assert.Equal(text, Encoding.UTF8.GetString(copy.ToArray()));
    }

    [Fact]
    public void BitFlipInsideALargeFileIsAnError()
    {
        var (bytes, _) = Gzip(Rows(0, 60_000));
        bytes[bytes.Length / 2] ^= 0x10;
        var path = WriteBytes("flipped.csv.gz", bytes);

        var error = Assert.Throws<DataFormatException>(() => Read(path));

        Assert.Contains("corrupt", error.Message);
    }

    private RawTable Read(string path, bool skipBadRows = false)
        => new CsvTableReader(new CsvReadOptions { SkipBadRows = skipBadRows }, UserPrice).Read(path);

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Rows with random-looking values so that the compressed file is large.
    private static string Rows(int start, int count)
    {
        var random = new Random(start + 1);
        var text = new StringBuilder("user,price\n");
        for (var i = start; i < start + count; i++)
        {
            text.Append($"u{i},{random.NextDouble():R}\n");
        }

        return text.ToString();
    }

    // The gzip bytes of the text and the file length right after a sync flush of its first flushAfter characters.
    private static (byte[] Bytes, int FlushedAt) Gzip(string text, int? flushAfter = null)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var split = flushAfter ?? data.Length;
        using var output = new MemoryStream();
        int flushedAt;
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data, 0, split);
            gzip.Flush();
            flushedAt = (int)output.Length;
            gzip.Write(data, split, data.Length - split);
        }

        return (output.ToArray(), flushedAt);
    }

    // A member whose header has an extra field, a file name and a comment, as gzip tools may write.
    private static byte[] GzipWithHeaderFields(string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        using var output = new MemoryStream();
        output.Write([0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3, 4, 0, 1, 2, 3, 4]);
        output.Write("part2.csv\0comment\0"u8);
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)data.Length);
        output.Write(trailer);
        return output.ToArray();
    }
}
