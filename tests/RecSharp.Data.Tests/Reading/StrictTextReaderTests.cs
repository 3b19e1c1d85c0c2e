using System.IO.Compression;
using System.Text;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Reading;

public class StrictTextReaderTests : IDisposable
{
    private static readonly ColumnRequest[] CityPrice =
    [
        new() { Name = "city" },
        new() { Name = "price", Kind = ColumnValueKind.Number },
    ];

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Latin1BytesAreAnErrorNamingTheLine(bool skipBadRows)
    {
        var path = WriteBytes("latin1.csv", Encoding.Latin1.GetBytes("city,price\nBern,1\nZürich,2\nZärich,3\n"));

        var error = Assert.Throws<DataFormatException>(() => Read(path, skipBadRows));

        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith(path + ", line 3: the text is not valid UTF-8 (bytes 0xFC)", error.Message);
    }

    [Fact]
    public void InvalidByteFarIntoACompressedFileIsPlacedOnItsLine()
    {
        var text = new StringBuilder("city,price\n");
        for (var i = 2; i <= 30_000; i++)
        {
            text.Append(i == 25_000 ? "Gen\u00e8ve,1\n" : $"city{i},{i}\n");
        }

        var bytes = Encoding.Latin1.GetBytes(text.ToString());
        Assert.True(bytes.Length > 4 << 16, "the invalid byte must lie several decoding blocks into the file");
        var path = Path.Combine(folder.Path, "far.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        Assert.Equal(25_000, Assert.Throws<DataFormatException>(() => Read(path)).LineNumber);
    }

    [Fact]
    public void CharactersSplitAcrossDecodingBlocksAreKept()
    {
        var value = new string('é', 70_000);
        var path = folder.Write("wide.csv", $"city,price\n{value},1\nOslo,2\n");

        var table = Read(path);

        Assert.Equal([value, "Oslo"], table.TextOf("city"));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void ByteOrderMarkChoosesTheEncoding(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var path = WriteBytes("bom.csv", [.. encoding.GetPreamble(), .. encoding.GetBytes("city,price\nZürich,2\n")]);

        var table = Read(path);

        Assert.Equal(["Zürich"], table.TextOf("city"));
        Assert.Equal([2.0], table.NumbersOf("price"));
    }

    private RawTable Read(string path, bool skipBadRows = false)
        => new CsvTableReader(new CsvReadOptions { SkipBadRows = skipBadRows }, CityPrice).Read(path);

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
