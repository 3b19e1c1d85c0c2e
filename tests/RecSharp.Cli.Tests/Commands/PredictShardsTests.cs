using System.Globalization;
using RecSharp.Cli.Tests.Support;
using RecSharp.Data.Reading;

namespace RecSharp.Cli.Tests.Commands;

/// <summary>
/// <c>recsharp predict</c> writing Parquet, one output per input shard, and <c>evaluate</c> over shards.
/// </summary>
public sealed class PredictShardsTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();
    private readonly string _run;
    private readonly string _shards;

    public PredictShardsTests()
    {
        _workspace.WriteSmallData(90);
        _run = _workspace.PathOf("run");
        var (code, _, error) = CliWorkspace.Run(_workspace.Train(_run, "--epochs", "1"));
        Assert.True(code == 0, error);
        _shards = _workspace.PathOf("shards");
        Directory.CreateDirectory(_shards);
        var lines = File.ReadAllLines(_workspace.Data);
        for (int k = 0; k < 3; k++)
        {
            var shard = lines.Skip(1 + (k * 30)).Take(30).Prepend(lines[0]);
            File.WriteAllLines(Path.Combine(_shards, $"part-{k}.csv"), shard);
        }
    }

    [Fact]
    public void AParquetOutputHoldsTheScoresOfTheCsvOutput()
    {
        string csv = _workspace.PathOf("scores.csv"), parquet = _workspace.PathOf("scores.parquet");

        (int Code, string Out, string Err) Predict(string target) =>
            CliWorkspace.Run("predict", "--model", _run, "--data", _workspace.Data, "--out", target,
                "--chunk-rows", "25");
        var asCsv = Predict(csv);
        var asParquet = Predict(parquet);

        Assert.True(asCsv.Code == 0 && asParquet.Code == 0, asCsv.Err + asParquet.Err);
        var fromCsv = Read(csv);
        var fromParquet = Read(parquet);
        Assert.Equal(90, fromParquet["line"].Length);
        foreach (var column in new[] { "line", "click", "spend" })
            Assert.Equal(fromCsv[column], fromParquet[column]);
    }

    [Fact]
    public void AFolderOutputGetsOneFileOfScoresPerInputShardAndReplacesNone()
    {
        string folder = _workspace.PathOf("scores") + Path.DirectorySeparatorChar;
        string whole = _workspace.PathOf("whole.csv");
        Assert.Equal(0, CliWorkspace.Run("predict", "--model", _run, "--data", _workspace.Data, "--out", whole).Code);

        var (code, output, error) = CliWorkspace.Run("predict", "--model", _run, "--data", _shards, "--out", folder);

        Assert.True(code == 0, error);
        Assert.Contains("Wrote 90 rows of scores", output);
        Assert.Equal(["part-0.csv", "part-1.csv", "part-2.csv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Batches of other sizes may differ in the last float bits.
        var expected = Read(whole)["click"];
        var shardScores = Enumerable.Range(0, 3).SelectMany(k => Read(Path.Combine(folder, $"part-{k}.csv"))["click"]);
        Assert.Equal(expected, shardScores, (a, b) => Math.Abs(a - b) < 1e-6);
        var again = CliWorkspace.Run("predict", "--model", _run, "--data", _shards, "--out", folder);
        Assert.Equal(2, again.Code);
        Assert.Contains("part-0.csv exists; scores write over no file", again.Err);
        CliWorkspace.AssertOneLineError(again.Err);
        var intoInputs = CliWorkspace.Run("predict", "--model", _run, "--data", _shards, "--out", _shards);
        Assert.Equal(2, intoInputs.Code);
    }

    [Fact]
    public void EvaluatingShardsGivesTheMetricsOfTheWholeFile()
    {
        var whole = CliWorkspace.Run("evaluate", "--model", _run, "--data", _workspace.Data);
        var shards = CliWorkspace.Run("evaluate", "--model", _run, "--data", _shards);

        Assert.True(whole.Code == 0 && shards.Code == 0, whole.Err + shards.Err);
        Assert.Contains("Evaluated 90 rows", shards.Out);
        // Each task's metrics: click's auc and spend's mse. Scores of other batch sizes may differ in the last bits,
        // which may reorder a pair of nearly tied scores: the auc of 90 rows moves by a few pairs at most.
        double[] expected = TaskMetrics(whole.Out), actual = TaskMetrics(shards.Out);
        Assert.Equal(2, expected.Length);
        Assert.Equal(2, actual.Length);
        Assert.Equal(expected[0], actual[0], 0.01);
        Assert.Equal(expected[1], actual[1], 1e-4);
    }

    private static double[] TaskMetrics(string output) => new[] { "click", "spend" }.SelectMany(task =>
    {
        var row = output.Split('\n').Single(l => l.StartsWith(task + " ", StringComparison.Ordinal));
        return row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(cell => double.TryParse(cell, CultureInfo.InvariantCulture, out double value) ? value : double.NaN)
            .Where(double.IsFinite);
    }).ToArray();

    // The output's columns as numbers, by name, read as the library reads data files.
    private static Dictionary<string, double[]> Read(string path)
    {
        string[] names = ["line", "click", "spend"];
        var requests = names.Select(n => new ColumnRequest { Name = n, Kind = ColumnValueKind.Number }).ToArray();
        var table = new DataSource(path, null, new CsvReadOptions(), requests).ReadAll();
        return names.ToDictionary(n => n, n => table[n].Numbers!);
    }

    public void Dispose() => _workspace.Dispose();
}
