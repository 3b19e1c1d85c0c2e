using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Reading;

public class CsvTableReaderTests : IDisposable
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
    public void ReadsRequestedColumnsByHeaderName()
    {
        var path = folder.Write("a.csv", "click,extra,user,price\n1,x,u1,2.5\n0,y,u2,-3e2\n");

        var table = new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path);

        Assert.Equal(2, table.RowCount);
        Assert.Equal([2, 3], table.LineNumbers);
        Assert.Equal(["u1", "u2"], table.TextOf("user"));
        Assert.Null(table["user"].Numbers);
        Assert.Equal([2.5, -300], table.NumbersOf("price"));
        Assert.Equal([1.0, 0.0], table.NumbersOf("click"));
        Assert.False(table.Columns.ContainsKey("extra"));
        Assert.Equal(0, table.BadRows.SkippedCount);
    }

    [Fact]
    public void ReadsWithoutHeaderUsingConfiguredNames()
    {
        var path = folder.Write("b.csv", "u1;4;1\nu2;5;0\n");
        var options = new CsvReadOptions { HasHeader = false, Separator = ';',
            ColumnNames = ["user", "price", "click"] };

        var table = new CsvTableReader(options, UserPriceClick).Read(path);

        Assert.Equal(["u1", "u2"], table.TextOf("user"));
        Assert.Equal([1, 2], table.LineNumbers);
    }

    private static readonly CsvReadOptions LabelsOptional = new()
    {
        HasHeader = false, ColumnNames = ["user", "a", "price", "b"], OptionalColumns = ["a", "b"],
    };

    [Fact]
    public void WithoutHeaderRowsMayLeaveOutTheOptionalColumnsWhereverTheyAre()
    {
        // Columns: user, label a, price, label b. Line 2 has every column, line 3 leaves both labels out.
        var path = folder.Write("opt.csv", "u1,1,4,x\nu2,5\nu3,0,6,y\n");
        ColumnRequest[] inputs = [new() { Name = "user" }, new() { Name = "price", Kind = ColumnValueKind.Number }];

        var table = new CsvTableReader(LabelsOptional, inputs).Read(path);

        Assert.Equal(["u1", "u2", "u3"], table.TextOf("user"));
        Assert.Equal([4.0, 5.0, 6.0], table.NumbersOf("price"));
        Assert.Equal([1, 2, 3], table.LineNumbers);
    }

    [Fact]
    public void AHeaderNamingAColumnTwiceNamesTheFileLineAndColumn()
    {
        var path = folder.Write("twice.csv", "click,user,price,user\n1,u1,2,u2\n");

        var error = Assert.Throws<DataFormatException>(
            () => new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("user", error.Column);
        Assert.Contains("twice.csv", error.Message);
        Assert.Contains("the header names this column more than once", error.Message);
    }

    [Fact]
    public void ARowOfNeitherWidthNamesBothWidths()
    {
        var path = folder.Write("opt.csv", "u1,1,4,x\nu2,5,y\n");
        var reader = new CsvTableReader(LabelsOptional, [new ColumnRequest { Name = "user" }]);

        var error = Assert.Throws<DataFormatException>(() => reader.Read(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("expected 4 fields (or 2 without a, b) but found 3", error.Message);
    }

    [Fact]
    public void LabelOnlyColumnsAreTheLabelsButTheIdColumn()
    {
        var config = ExperimentConfigLoader.Parse("""
            data: { header: false, columns: [id, user, income, married], idColumn: married }
            tasks:
              - { name: rich, type: binary, label: income }
              - { name: single, type: binary, label: married }
              - { name: wealthy, type: binary, label: income, threshold: 100000 }
            features: [{ name: user, kind: sparse }]
            model: { type: mmoe }
            """);

        Assert.Equal(["income"], ColumnRequests.LabelOnlyColumns(config));
    }

    [Fact]
    public void TrimsSpacesAndRecognisesMissingMarkers()
    {
        var path = folder.Write("c.csv", "user, price, click\n u1 , ?, 1\n?, 7 , 0\n, , 1\n");
        var options = new CsvReadOptions { MissingMarkers = ["?", ""] };

        var table = new CsvTableReader(options, UserPriceClick).Read(path);

        Assert.Equal(["u1", RawTableAssertions.Missing, RawTableAssertions.Missing], table.TextOf("user"));
        var prices = table.NumbersOf("price");
        Assert.True(double.IsNaN(prices[0]));
        Assert.Equal(7, prices[1]);
        Assert.True(double.IsNaN(prices[2]));
    }

    [Fact]
    public void KeepsSpacesWhenTrimmingIsOff()
    {
        var path = folder.Write("d.csv", "user,price,click\n u1 ,1,1\n");
        var table = new CsvTableReader(new CsvReadOptions { TrimSpaces = false }, UserPriceClick).Read(path);
        Assert.Equal([" u1 "], table.TextOf("user"));
    }

    [Fact]
    public void ReadsTabSeparatedAndQuotedFields()
    {
        var path = folder.Write("e.tsv", "user\tprice\tclick\n\"a\tb\"\t1\t0\n");
        var table = new CsvTableReader(new CsvReadOptions { Separator = '\t' }, UserPriceClick).Read(path);
        Assert.Equal(["a\tb"], table.TextOf("user"));
    }

    [Theory]
    [InlineData("f.csv.gz")]
    [InlineData("f.bin")]
    public void ReadsGzipBySuffixOrMagicBytes(string name)
    {
        var path = folder.WriteGzip(name, "user,price,click\nu1,1,1\nu2,2,0\n");
        var table = new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path);
        Assert.Equal(["u1", "u2"], table.TextOf("user"));
    }

    [Fact]
    public void MissingRequiredColumnIsNamedBeforeAnyRow()
    {
        var path = folder.Write("g.csv", "user,cost,click\nu1,not-a-number,1\n");

        var error = Assert.Throws<DataFormatException>(
            () => new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.Equal("price", error.Column);
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("required column \"price\" is not in the header", error.Message);
        Assert.Contains("g.csv", error.Message);
    }

    [Theory]
    [InlineData("u2,3\n", 3, null, null, "expected 3 fields but found 2")]
    [InlineData("u2,cheap,1\n", 3, "price", "cheap", "not a number")]
    [InlineData("u2,3,2\n", 3, "click", "2", "must be 0 or 1")]
    [InlineData("u2,3,\n", 3, "click", "", "the label is missing")]
    public void BadRowThrowsWithLocationByDefault(string badRow, int line, string? column, string? value,
        string problem)
    {
        var path = folder.Write("h.csv", "user,price,click\nu1,1,1\n" + badRow + "u3,2,0\n");

        var error = Assert.Throws<DataFormatException>(
            () => new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path));

        Assert.Equal(line, error.LineNumber);
        Assert.Equal(column, error.Column);
        Assert.Equal(value, error.Value);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith(path + $", line {line}", error.Message);
    }

    [Fact]
    public void BadRowsAreSkippedAndCountedWhenAsked()
    {
        var lines = new List<string> { "user,price,click" };
        for (var i = 0; i < 30; i++)
        {
            lines.Add(i % 2 == 0 ? $"u{i},{i},1" : $"u{i},oops,0");
        }

        var path = folder.Write("i.csv", string.Join('\n', lines) + "\n");

        var table = new CsvTableReader(new CsvReadOptions { SkipBadRows = true }, UserPriceClick).Read(path);

        Assert.Equal(15, table.RowCount);
        Assert.Equal(15, table.BadRows.SkippedCount);
        Assert.Equal([3, 5, 7, 9, 11, 13, 15, 17, 19, 21], table.BadRows.FirstLineNumbers);
        Assert.Equal(10, table.BadRows.FirstReasons.Count);
        Assert.Contains("not a number", table.BadRows.FirstReasons[0]);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => 2.0 * i), table.NumbersOf("price"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnterminatedQuoteIsAnErrorAtItsLineNotOneSkippedRow(bool skipBadRows)
    {
        var rows = Enumerable.Range(0, 400).Select(i => i == 6 ? $"u{i},\"{i},1" : $"u{i},{i},{i % 2}");
        var path = folder.Write("quote.csv", "user,price,click\n" + string.Join('\n', rows) + "\n");

        var error = Assert.Throws<DataFormatException>(
            () => new CsvTableReader(new CsvReadOptions { SkipBadRows = skipBadRows }, UserPriceClick).Read(path));

        Assert.Equal(8, error.LineNumber);
        Assert.StartsWith(path + ", line 8: a quote opened on this line is never closed", error.Message);
    }

    [Theory]
    [InlineData("u2,\"2,0\nu3,3,1\nu4,4\",0\n", "(the row has 3 of 3 fields)")]
    [InlineData("u2,\"2,0\nu3,3,1\nu4,4\"\n", "(the row has 2 of 3 fields)")]
    [InlineData("u2,\"2\nu3\",1,0,7\nu4,4,0\n", "(the row has 5 of 3 fields)")]
    public void QuoteClosedLinesLaterIsAnErrorAtTheOpeningLine(string rows, string width)
    {
        var path = folder.Write("runaway.csv", "user,price,click\nu1,1,1\n" + rows + "u5,5,1\n");

        var error = Assert.Throws<DataFormatException>(
            () => new CsvTableReader(new CsvReadOptions { SkipBadRows = true }, UserPriceClick).Read(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("a quoted field opened on this line runs on to line", error.Message);
        Assert.Contains(width, error.Message);
    }

    [Fact]
    public void QuotedFieldWithALineBreakIsStillOneValue()
    {
        var path = folder.Write("multiline.csv", "user,price,click\n\"first\nsecond\",1,1\nu2,2,0\n");

        var table = new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path);

        Assert.Equal(["first\nsecond", "u2"], table.TextOf("user"));
        Assert.Equal([2, 4], table.LineNumbers);
    }

    [Fact]
    public void UnterminatedQuoteInTheFirstRowWithoutHeaderNamesLineOne()
    {
        var path = folder.Write("no-header.csv", "\"u1,1,1\nu2,2,0\n");
        var options = new CsvReadOptions { HasHeader = false, ColumnNames = ["user", "price", "click"] };

        var error = Assert.Throws<DataFormatException>(() => new CsvTableReader(options, UserPriceClick).Read(path));

        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void ReadsInChunks()
    {
        var path = folder.Write("j.csv",
            "user,price,click\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"u{i},{i},{i % 2}\n")));
        var reader = new CsvTableReader(new CsvReadOptions(), UserPriceClick);

        var chunks = reader.ReadChunks(path, 4).ToArray();

        Assert.Equal([4, 4, 2], chunks.Select(c => c.RowCount));
        Assert.Equal([2, 3, 4, 5], chunks[0].LineNumbers);
        Assert.Equal([10, 11], chunks[2].LineNumbers);
        Assert.Equal(["u8", "u9"], chunks[2].TextOf("user"));
    }

    [Fact]
    public void ExactMultipleOfChunkSizeGivesNoEmptyTrailingChunk()
    {
        var path = folder.Write("k.csv", "user,price,click\nu1,1,1\nu2,2,0\n");
        var chunks = new CsvTableReader(new CsvReadOptions(), UserPriceClick).ReadChunks(path, 2).ToArray();
        Assert.Single(chunks);
    }

    [Fact]
    public void HeaderOnlyFileGivesOneEmptyTable()
    {
        var path = folder.Write("l.csv", "user,price,click\n");
        var table = new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path);
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void EmptyFileWithHeaderExpectedIsAnError()
    {
        var path = folder.Write("m.csv", "");
        var error = Assert.Throws<DataFormatException>(
            () => new CsvTableReader(new CsvReadOptions(), UserPriceClick).Read(path));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void ExperimentReaderRequestsFeatureAndLabelColumns()
    {
        const string yaml = """
            data: { header: false, columns: [age, job, status, income], missing: ["?"] }
            tasks:
              - { name: rich, type: binary, label: income, positive: ["50000+."] }
              - { name: single, type: binary, label: status, positive: [Never married] }
            features:
              - { name: job, kind: sparse }
              - { name: age, kind: dense, scaler: minmax }
            model: { type: mmoe }
            """;
        var config = ExperimentConfigLoader.Parse(yaml);
        var path = folder.Write("n.csv", "38, Private, Never married, - 50000.\n52, ?, Divorced, 50000+.\n");

        var table = CsvTableReader.ForExperiment(config).Read(path);

        Assert.Equal(["Private", RawTableAssertions.Missing], table.TextOf("job"));
        Assert.Equal([38.0, 52.0], table.NumbersOf("age"));
        Assert.Equal(["- 50000.", "50000+."], table.TextOf("income"));

        var withoutLabels = CsvTableReader.ForExperiment(config, includeLabels: false).Read(path);
        Assert.False(withoutLabels.Columns.ContainsKey("income"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelInNeitherPositiveNorNegativeListIsABadRow(bool skipBadRows)
    {
        const string yaml = """
            tasks:
              - { name: rich, type: binary, label: income, positive: ["50000+."], negative: ["- 50000."] }
            features:
              - { name: job, kind: sparse }
            model: { type: mmoe }
            """;
        var config = ExperimentConfigLoader.Parse(yaml);
        var path = folder.Write("labels.csv", "job,income\na,- 50000.\nb,maybe\nc,50000+.\nd,50000+\n");
        var reader = CsvTableReader.ForExperiment(config, skipBadRows: skipBadRows);

        if (!skipBadRows)
        {
            var error = Assert.Throws<DataFormatException>(() => reader.Read(path));
            Assert.Equal((3, "income", "maybe"), (error.LineNumber!.Value, error.Column, error.Value));
            Assert.Contains("neither a positive nor a negative value", error.Message);
            return;
        }

        var table = reader.Read(path);
        Assert.Equal(["a", "c"], table.TextOf("job"));
        Assert.Equal([3, 5], table.BadRows.FirstLineNumbers);
    }

    [Fact]
    public void AllowedLabelValuesOfTwoTasksOnOneColumnMustSuitBoth()
    {
        ColumnRequest[] requests =
        [
            new() { Name = "y", AllowedValues = ["a", "b", "c"] },
            new() { Name = "y", AllowedValues = ["b", "c", "d"] },
            new() { Name = "y", Kind = ColumnValueKind.Text },
        ];

        var merged = Assert.Single(ColumnRequests.Merge(requests));

        Assert.Equal(["b", "c"], merged.AllowedValues);
    }

    [Fact]
    public void ColumnUsedAsTextAndNumberKeepsBoth()
    {
        var path = folder.Write("o.csv", "score\n3\n");
        ColumnRequest[] requests = [new() { Name = "score" }, new() { Name = "score", Kind = ColumnValueKind.Number }];

        var table = new CsvTableReader(new CsvReadOptions(), requests).Read(path);

        Assert.Equal(["3"], table.TextOf("score"));
        Assert.Equal([3.0], table.NumbersOf("score"));
    }

    [Fact]
    public void CombiningReportsKeepsTheFirstTenLines()
    {
        var a = new BadRowReport { SkippedCount = 8, FirstLineNumbers = Enumerable.Range(1, 8).ToArray(),
            FirstReasons = Enumerable.Repeat("x", 8).ToArray() };
        var b = new BadRowReport { SkippedCount = 5, FirstLineNumbers = Enumerable.Range(20, 5).ToArray(),
            FirstReasons = Enumerable.Repeat("y", 5).ToArray() };

        var combined = a.Combine(b);

        Assert.Equal(13, combined.SkippedCount);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 20, 21], combined.FirstLineNumbers);
    }
}
