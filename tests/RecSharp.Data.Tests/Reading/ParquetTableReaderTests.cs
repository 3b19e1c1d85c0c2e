using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Reading;

public class ParquetTableReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    private static readonly ColumnRequest[] UserPriceClick =
    [
        new() { Name = "user" },
        new() { Name = "price", Kind = ColumnValueKind.Number },
        new() { Name = "click", Kind = ColumnValueKind.Number, Required = true, ZeroOrOne = true },
    ];

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ReadsColumnsByNameAcrossRowGroupsOfMixedSizes()
    {
        var path = ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, "a.parquet"),
        [
            ParquetTestColumn.Of("click", new[] { 1, 0, 0, 1, 1, 0 }),
            ParquetTestColumn.Of("extra", new[] { 9.0, 9, 9, 9, 9, 9 }),
            ParquetTestColumn.Of("user", new long[] { 7, 8, 7, 9, 10_000_000_000, 8 }),
            ParquetTestColumn.Nullable("price", new double?[] { 2.5, null, -300, 0, 1e-3, 4 }),
        ], 3, 1, 2);

        var chunks = new ParquetTableReader(new CsvReadOptions(), UserPriceClick).ReadChunks(path, 4).ToArray();

        Assert.Equal([4, 2], chunks.Select(c => c.RowCount));
        Assert.Equal([1, 2, 3, 4], chunks[0].LineNumbers);
        Assert.Equal([5, 6], chunks[1].LineNumbers);
        Assert.Equal(["7", "8", "7", "9"], chunks[0].TextOf("user"));
        Assert.Equal(["10000000000", "8"], chunks[1].TextOf("user"));
        Assert.Same(chunks[0].TextOf("user")[0], chunks[0].TextOf("user")[2]);
        Assert.Null(chunks[0]["user"].Numbers);
        Assert.Equal([2.5, double.NaN, -300, 0], chunks[0].NumbersOf("price"));
        Assert.Equal([1.0, 0, 0, 1], chunks[0].NumbersOf("click"));
        Assert.False(chunks[0].Columns.ContainsKey("extra"));
    }

    [Fact]
    public void EachChunkKeepsItsOwnValuesWhileTheReaderReusesItsBuffersAndSharesRepeatedText()
    {
        // The second row group has nulls where the first had values: its decoding must not show the first's.
        var path = ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, "reuse.parquet"),
        [
            ParquetTestColumn.Strings("user", ["a", "b", "a", "b", "b", null, "a", "c"]),
            ParquetTestColumn.Nullable("price", new double?[] { 1, 2, 3, 4, null, null, 7, null }),
            ParquetTestColumn.Of("click", new[] { 1, 0, 1, 0, 1, 0, 1, 0 }),
        ], 4, 4);

        var chunks = new ParquetTableReader(new CsvReadOptions(), UserPriceClick).ReadChunks(path, 3).ToArray();

        Assert.Equal([3, 3, 2], chunks.Select(c => c.RowCount));
        Assert.Equal([1.0, 2, 3], chunks[0].NumbersOf("price"));
        Assert.Equal([4.0, double.NaN, double.NaN], chunks[1].NumbersOf("price"));
        Assert.Equal([7.0, double.NaN], chunks[2].NumbersOf("price"));
        Assert.Equal(["a", "b", "a"], chunks[0].TextOf("user"));
        Assert.Equal(["b", "b", RawTableAssertions.Missing], chunks[1].TextOf("user"));
        Assert.Equal(["a", "c"], chunks[2].TextOf("user"));
        Assert.Equal([1.0, 0, 1, 0, 1, 0, 1, 0], chunks.SelectMany(c => c.NumbersOf("click")));
        Assert.Same(chunks[0].TextOf("user")[0], chunks[2].TextOf("user")[0]);
        Assert.Same(chunks[0].TextOf("user")[1], chunks[1].TextOf("user")[0]);
    }

    [Fact]
    public void StringsAreTrimmedAndMissingMarkersAndNullsAreMissing()
    {
        var path = ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, "b.parquet"),
        [
            ParquetTestColumn.Strings("user", [" u1 ", "?", null, ""]),
            ParquetTestColumn.Strings("price", ["4.5", " 7 ", null, "?"]),
            ParquetTestColumn.Of("click", new[] { true, false, true, false }),
        ], 4);
        var options = new CsvReadOptions { MissingMarkers = ["?", ""] };

        var table = new ParquetTableReader(options, UserPriceClick).Read(path);

        Assert.Equal(["u1", RawTableAssertions.Missing, RawTableAssertions.Missing, RawTableAssertions.Missing],
            table.TextOf("user"));
        Assert.Equal([4.5, 7, double.NaN, double.NaN], table.NumbersOf("price"));
        Assert.Equal([1.0, 0, 1, 0], table.NumbersOf("click"));
    }

    [Fact]
    public void ANullLabelIsABadRowNamedByItsRowAndCanBeSkipped()
    {
        var path = ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, "c.parquet"),
        [
            ParquetTestColumn.Strings("user", ["a", "b", "c", "d"]),
            ParquetTestColumn.Of("price", new[] { 1f, 2f, 3f, 4f }),
            ParquetTestColumn.Nullable("click", new int?[] { 1, null, 2, 0 }),
        ], 2, 2);

        var error = Assert.Throws<DataFormatException>(
            () => new ParquetTableReader(new CsvReadOptions(), UserPriceClick).Read(path));
        Assert.Equal($"{path}, row 2, column \"click\": the label is missing", error.Message);
        Assert.Equal(RowNumbering.Rows, error.Numbering);

        var table = new ParquetTableReader(new CsvReadOptions { SkipBadRows = true }, UserPriceClick).Read(path);
        Assert.Equal(["a", "d"], table.TextOf("user"));
        Assert.Equal([1, 4], table.LineNumbers);
        Assert.Equal(2, table.BadRows.SkippedCount);
        Assert.Equal([2, 3], table.BadRows.FirstLineNumbers);
        Assert.Contains(
            "row 3, column \"click\": a binary label without 'positive' or 'threshold' must be 0 or 1 (value \"2\")",
            table.BadRows.FirstReasons[1]);
    }

    [Fact]
    public void RepeatedTextIsCheckedAtEachRowWhereItFailsAndEachRowGroupKeepsItsOwnValues()
    {
        // Rows of one dictionary entry share their memory, so what such a value staged as is reused within its row
        // group; a value that fails its check must fail at every row that holds it.
        var path = ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, "repeated.parquet"),
        [
            ParquetTestColumn.Strings("user", ["a", " b", "a", "?", " b", "a", "c", "a"]),
            ParquetTestColumn.Strings("price", ["x", "1", "x", "2", "1", "x", "3", "?"]),
            ParquetTestColumn.Of("click", new[] { 1, 0, 1, 0, 1, 0, 1, 0 }),
        ], 4, 4);
        var options = new CsvReadOptions { MissingMarkers = ["?"], SkipBadRows = true };

        var table = new ParquetTableReader(options, UserPriceClick).Read(path);

        Assert.Equal([2, 4, 5, 7, 8], table.LineNumbers);
        Assert.Equal(["b", RawTableAssertions.Missing, "b", "c", "a"], table.TextOf("user"));
        Assert.Equal([1.0, 2, 1, 3, double.NaN], table.NumbersOf("price"));
        Assert.Equal(3, table.BadRows.SkippedCount);
        Assert.Equal([1, 3, 6], table.BadRows.FirstLineNumbers);
        Assert.All(table.BadRows.FirstReasons, reason => Assert.Contains("column \"price\": not a number", reason));
        Assert.Same(table.TextOf("user")[0], table.TextOf("user")[2]);
    }

    [Fact]
    public void AMissingColumnNamesTheFileTheColumnAndTheFilesColumns()
    {
        var path = ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, "d.parquet"),
        [
            ParquetTestColumn.Strings("user", ["a"]),
            ParquetTestColumn.Of("click", new[] { 1 }),
        ], 1);

        var error = Assert.Throws<DataFormatException>(
            () => new ParquetTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.Equal(
            $"{path}, column \"price\": required column \"price\" is not in the file "
                + "(its columns: \"user\", \"click\")",
            error.Message);
    }

    [Fact]
    public void AColumnWhoseTypeDoesNotFitItsUseIsNamedWithItsType()
    {
        var path = ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, "e.parquet"),
        [
            ParquetTestColumn.Of("user", new[] { 0.5 }),
            ParquetTestColumn.Of("price", new[] { 1.0 }),
            ParquetTestColumn.Of("click", new[] { 1 }),
        ], 1);

        var error = Assert.Throws<DataFormatException>(
            () => new ParquetTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.StartsWith(
            $"{path}, column \"user\": the column holds 64-bit floats, which cannot be read as categories",
            error.Message);
    }

    [Fact]
    public void ATruncatedFileIsRefusedAsTruncated()
    {
        var path = WriteValid("f.parquet");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(
            () => new ParquetTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.Equal(
            $"{path}: the Parquet file is truncated: it does not end with the Parquet marker 'PAR1' after its footer",
            error.Message);
    }

    [Fact]
    public void ACorruptFooterOrColumnDataIsRefusedAsCorrupt()
    {
        var footer = WriteValid("g.parquet");
        var bytes = File.ReadAllBytes(footer);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength).Fill(0xEE);
        File.WriteAllBytes(footer, bytes);
        var data = WriteValid("h.parquet");
        bytes = File.ReadAllBytes(data);
        bytes.AsSpan(4, 60).Fill(0xEE);
        File.WriteAllBytes(data, bytes);
        var reader = new ParquetTableReader(new CsvReadOptions(), UserPriceClick);

        var footerError = Assert.Throws<DataFormatException>(() => reader.Read(footer));
        var dataError = Assert.Throws<DataFormatException>(() => reader.Read(data));

        Assert.StartsWith($"{footer}: the Parquet file is corrupt: its footer", footerError.Message);
        Assert.StartsWith($"{data}: the Parquet file is corrupt: row group 1 of 1 cannot be read", dataError.Message);
        Assert.DoesNotContain("\n", footerError.Message + dataError.Message);
    }

    [Fact]
    public void ATextFileIsNotParquet()
    {
        var path = folder.Write("i.parquet", "user,price,click\na,1,1\n");

        var error = Assert.Throws<DataFormatException>(
            () => new ParquetTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.Equal(
            $"{path}: the file is not Parquet: it does not start with the Parquet marker 'PAR1'", error.Message);
    }

    [Fact]
    public void AParquetFileReadAsTextIsNamedAsParquet()
    {
        var path = WriteValid("j.bin");

        var error = Assert.Throws<DataFormatException>(
            () => new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.Contains("the file is Parquet, not text", error.Message);
    }

    private string WriteValid(string name) => ParquetTestFile.Write(System.IO.Path.Combine(folder.Path, name),
    [
        ParquetTestColumn.Strings("user", Enumerable.Range(0, 50).Select(i => $"user-{i}").ToArray()),
        ParquetTestColumn.Of("price", Enumerable.Range(0, 50).Select(i => i * 1.5).ToArray()),
        ParquetTestColumn.Of("click", Enumerable.Range(0, 50).Select(i => i % 2).ToArray()),
    ], 50);
}
