using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Reading;

/// <summary>Parquet files written by DuckDB, so that the reader is not only tested against its library's writer.
/// </summary>
public class DuckDbParquetTests : IDisposable
{
    private const string Rows = """
        SELECT i::INTEGER AS item, (i * 10)::BIGINT AS big, i / 4.0 AS price, (i * 1.5)::REAL AS small,
               CASE WHEN i % 3 = 0 THEN NULL ELSE 'c' || (i % 2) END AS category, i % 2 = 0 AS click,
               CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN [] ELSE ['h' || i, NULL, 'h0'] END AS history,
               [i, i + 1] AS pairs, DATE '2026-11-01' + i::INTEGER AS day
        FROM range(9) t(i)
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ReadsIntegersFloatsStringsBooleansNullsAndListsAcrossRowGroups()
    {
        var path = DuckDb.CopyToParquet(Rows, System.IO.Path.Combine(folder.Path, "duck.parquet"), rowGroupSize: 4);
        ColumnRequest[] requests =
        [
            new() { Name = "item" },
            new() { Name = "big", Kind = ColumnValueKind.Number },
            new() { Name = "price", Kind = ColumnValueKind.Number },
            new() { Name = "small", Kind = ColumnValueKind.Number },
            new() { Name = "category" },
            new() { Name = "click", Kind = ColumnValueKind.Number, Required = true, ZeroOrOne = true },
            new() { Name = "history", ListDelimiter = "|" },
            new() { Name = "pairs", ListDelimiter = "," },
        ];

        var table = new ParquetTableReader(new CsvReadOptions(), requests).Read(path);

        var missing = RawTableAssertions.Missing;
        Assert.Equal(Enumerable.Range(1, 9), table.LineNumbers);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"{i}"), table.TextOf("item"));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => i * 10.0), table.NumbersOf("big"));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => i / 4.0), table.NumbersOf("price"));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => i * 1.5), table.NumbersOf("small"));
        Assert.Equal([missing, "c1", "c0", missing, "c0", "c1", missing, "c1", "c0"], table.TextOf("category"));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => i % 2 == 0 ? 1.0 : 0), table.NumbersOf("click"));
        Assert.Equal(
            [missing, missing, "h2|h0", "h3|h0", missing, missing, "h6|h0", "h7|h0", missing],
            table.TextOf("history"));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"{i},{i + 1}"), table.TextOf("pairs"));
    }

    [Fact]
    public void ASequenceFeatureOfAListColumnGetsTheSameIdsAsFromDelimitedText()
    {
        var parquet = DuckDb.CopyToParquet(Rows, System.IO.Path.Combine(folder.Path, "seq.parquet"));
        var csv = folder.Write("seq.csv", "history,click\n,1\n,0\nh2|h0,1\nh3|h0,0\n,1\n,0\nh6|h0,1\nh7|h0,0\n,1\n");
        var config = ExperimentConfigLoader.Parse("""
            tasks: [{ name: click, type: binary, label: click }]
            features: [{ name: history, kind: sequence, maxLen: 3 }]
            model: { type: mmoe }
            """);

        var fromParquet = DataSource.ForExperiment(config.WithDataPath(parquet)).ReadAll();
        var fromText = DataSource.ForExperiment(config.WithDataPath(csv)).ReadAll();

        Assert.Equal(fromText.TextOf("history"), fromParquet.TextOf("history"));
        Assert.Equal(fromText.NumbersOf("click"), fromParquet.NumbersOf("click"));
    }

    [Fact]
    public void DatesAndListsOutsideSequencesAreRefusedWithTheirTypes()
    {
        var path = DuckDb.CopyToParquet(Rows, System.IO.Path.Combine(folder.Path, "types.parquet"));
        var asDense = new ParquetTableReader(
            new CsvReadOptions(), [new() { Name = "day", Kind = ColumnValueKind.Number }]);
        var asSparse = new ParquetTableReader(new CsvReadOptions(), [new() { Name = "history" }]);

        var day = Assert.Throws<DataFormatException>(() => asDense.Read(path));
        var history = Assert.Throws<DataFormatException>(() => asSparse.Read(path));

        Assert.StartsWith($"{path}, column \"day\": the column holds timestamps, which cannot be read: dense features",
            day.Message);
        Assert.Equal($"{path}, column \"history\": the column holds lists of strings, which only a sequence feature "
            + "reads (a list of integers, booleans or strings)", history.Message);
    }
}
