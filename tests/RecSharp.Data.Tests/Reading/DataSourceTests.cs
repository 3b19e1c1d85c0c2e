using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Reading;

public class DataSourceTests : IDisposable
{
    private const string Header = "user,price,click";

    private static readonly ExperimentConfig Config = ExperimentConfigLoader.Parse("""
        tasks: [{ name: click, type: binary, label: click }]
        features:
          - { name: user, kind: sparse }
          - { name: price, kind: dense, scaler: log1p }
        model: { type: mmoe }
        """);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AGlobReadsItsShardsInPathOrderAndEachRowKeepsItsFile()
    {
        Directory.CreateDirectory(Sub("logs"));
        folder.WriteGzip("logs/part-1.csv.gz", $"{Header}\nc,3,0\n");
        folder.WriteGzip("logs/part-0.csv.gz", $"{Header}\na,1,1\nb,-2,0\n");
        folder.Write("logs/other.csv", $"{Header}\nz,9,1\n");
        var pattern = Sub("logs/part-*.csv.gz");

        var source = DataSource.ForExperiment(Config.WithDataPath(pattern));
        var table = source.ReadAll();

        Assert.Equal([Sub("logs/part-0.csv.gz"), Sub("logs/part-1.csv.gz")], source.Files.Select(f => f.Path));
        Assert.All(source.Files, f => Assert.Equal(DataFileFormat.Csv, f.Format));
        Assert.Equal(["a", "b", "c"], table.TextOf("user"));
        Assert.Equal([2, 3, 2], table.LineNumbers);
        Assert.Equal(pattern, table.FileName);
        Assert.Equal(Sub("logs/part-1.csv.gz"), table.FileOf(2));
        var error = table.ErrorAt(1, "price", "-2", "a problem");
        Assert.Equal($"{Sub("logs/part-0.csv.gz")}, line 3, column \"price\": a problem (value \"-2\")", error.Message);
    }

    [Fact]
    public void AValueProblemFoundAfterReadingNamesTheShardAndRowItCameFrom()
    {
        folder.Write("a.csv", $"{Header}\na,1,1\n");
        WriteParquet("b.parquet", ["b", "c"], [2, -5], [0, 1]);

        var table = DataSource.ForExperiment(Config.WithDataPath(Sub("*"))).ReadAll();
        var error = Assert.Throws<DataFormatException>(
            () => FittedPipeline.Fit(Config, table));

        Assert.StartsWith(
            $"{Sub("b.parquet")}, row 2, column \"price\": feature \"price\": log1p scaling", error.Message);
    }

    [Fact]
    public void AFolderReadsItsDataFilesBelowItAndLeavesOutMarkersAndHiddenFiles()
    {
        Directory.CreateDirectory(Sub("events/day=2"));
        Directory.CreateDirectory(Sub("events/_temporary"));
        WriteParquet("events/day=2/part-0.parquet", ["b"], [2], [0]);
        WriteParquet("events/part-0.parquet", ["a"], [1], [1]);
        folder.Write("events/_SUCCESS", "");
        folder.Write("events/.part-0.parquet.crc", "x");
        folder.Write("events/_temporary/part-9.parquet", "x");
        folder.Write("events/README.md", "x");

        var source = DataSource.ForExperiment(Config.WithDataPath(Sub("events")));

        Assert.Equal(
            [Sub("events/day=2/part-0.parquet"), Sub("events/part-0.parquet")], source.Files.Select(f => f.Path));
        Assert.All(source.Files, f => Assert.Equal(DataFileFormat.Parquet, f.Format));
        Assert.Equal(["b", "a"], source.ReadAll().TextOf("user"));
    }

    [Fact]
    public void ADoubleStarMatchesAnyDepth()
    {
        Directory.CreateDirectory(Sub("d/x/y"));
        folder.Write("d/top.csv", $"{Header}\na,1,1\n");
        folder.Write("d/x/y/deep.csv", $"{Header}\nb,1,1\n");
        folder.Write("d/x/y/deep.tsv", "x");

        var files = DataFiles.Resolve(Sub("d/**/*.csv"));

        Assert.Equal([Sub("d/top.csv"), Sub("d/x/y/deep.csv")], files.Select(f => f.Path));
    }

    [Fact]
    public void APatternMatchingNothingAndAFolderWithoutDataAreRefused()
    {
        Directory.CreateDirectory(Sub("empty"));
        folder.Write("empty/notes.md", "x");

        var pattern = Assert.Throws<DataFormatException>(() => DataFiles.Resolve(Sub("logs/part-*.csv.gz")));
        var empty = Assert.Throws<DataFormatException>(() => DataFiles.Resolve(Sub("empty")));

        Assert.Equal($"{Sub("logs/part-*.csv.gz")}: the pattern matches no file", pattern.Message);
        Assert.StartsWith($"{Sub("empty")}: the folder holds no data file", empty.Message);
    }

    [Fact]
    public void TheConfiguredFormatOverridesTheExtension()
    {
        var path = WriteParquet("data.bin", ["a"], [1], [1]);
        var config = ExperimentConfigLoader.Parse($$"""
            data: { path: {{path}}, format: parquet }
            tasks: [{ name: click, type: binary, label: click }]
            features: [{ name: user, kind: sparse }]
            model: { type: mmoe }
            """);

        var source = DataSource.ForExperiment(config);

        Assert.Equal(DataFileFormat.Parquet, config.Data.Format);
        Assert.Equal(DataFileFormat.Parquet, Assert.Single(source.Files).Format);
        Assert.Equal(["a"], source.ReadAll().TextOf("user"));
        Assert.Equal(DataFileFormat.Csv, DataFiles.FormatOf("x.csv.gz"));
        Assert.Equal(DataFileFormat.Parquet, DataFiles.FormatOf("x.snappy.PARQUET"));
    }

    [Fact]
    public void AnUnknownFormatIsAConfigurationError()
    {
        var error = Assert.Throws<ConfigurationException>(() => ExperimentConfigLoader.Parse("""
            data: { format: orc }
            tasks: [{ name: click, type: binary, label: click }]
            features: [{ name: user, kind: sparse }]
            """));

        Assert.Contains("'data.format' must be csv or parquet, got 'orc'", error.Message);
    }

    [Fact]
    public void TheSameRowsInTextAndParquetReadTheSame()
    {
        var users = Enumerable.Range(0, 40).Select(i => $"u{i % 7}").ToArray();
        var prices = Enumerable.Range(0, 40).Select(i => i * 0.25).ToArray();
        var clicks = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? 1 : 0).ToArray();
        var csv = folder.Write("same.csv", Header + "\n" + string.Concat(
            Enumerable.Range(0, 40).Select(i => string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{users[i]},{prices[i]},{clicks[i]}\n"))));
        var parquet = WriteParquet("same.parquet", users, prices, clicks);

        var fromText = DataSource.ForExperiment(Config.WithDataPath(csv)).ReadAll();
        var fromParquet = DataSource.ForExperiment(Config.WithDataPath(parquet)).ReadAll();

        Assert.Equal(fromText.TextOf("user"), fromParquet.TextOf("user"));
        Assert.Equal(fromText.NumbersOf("price"), fromParquet.NumbersOf("price"));
        Assert.Equal(fromText.NumbersOf("click"), fromParquet.NumbersOf("click"));
        var pipeline = FittedPipeline.Fit(Config, fromParquet);
        Assert.Equal(FittedPipeline.Fit(Config, fromText).ToJson(), pipeline.ToJson());
    }

    [Fact]
    public void RowsToPredictMayLackTheLabelsInTextParquetAndHeaderlessShards()
    {
        Directory.CreateDirectory(Sub("score"));
        Directory.CreateDirectory(Sub("plain"));
        folder.Write("score/a.csv", "user,price\na,1\n");
        ParquetTestFile.Write(Sub("score/b.parquet"),
            [ParquetTestColumn.Strings("user", ["b", "c"]), ParquetTestColumn.Of("price", new[] { 2.0, 3.0 })], 2);
        folder.Write("plain/part-0.csv", "d,4\n");
        folder.Write("plain/part-1.csv", "e,5,1\n");
        var headerless = Config with
        {
            Data = Config.Data with { Header = false, Columns = ["user", "price", "click"] },
        };

        var named = DataSource.ForPrediction(Config.WithDataPath(Sub("score"))).ReadAll();
        var plain = DataSource.ForPrediction(headerless.WithDataPath(Sub("plain/part-*.csv"))).ReadAll();

        Assert.Equal(["a", "b", "c"], named.TextOf("user"));
        Assert.Equal([1.0, 2.0, 3.0], named.NumbersOf("price"));
        Assert.Equal(["d", "e"], plain.TextOf("user"));
        Assert.Equal([4.0, 5.0], plain.NumbersOf("price"));
        Assert.Throws<DataFormatException>(() => DataSource.ForExperiment(Config.WithDataPath(Sub("score"))).ReadAll());
    }

    private string Sub(string relative) => System.IO.Path.Combine(folder.Path, relative);

    private string WriteParquet(string name, string[] users, double[] prices, int[] clicks)
        => ParquetTestFile.Write(Sub(name),
        [
            ParquetTestColumn.Strings("user", users),
            ParquetTestColumn.Of("price", prices),
            ParquetTestColumn.Of("click", clicks),
        ], users.Length);
}
