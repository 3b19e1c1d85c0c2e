using System.Text.Json;
using RecSharp.Cli.Tests.Support;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;

namespace RecSharp.Cli.Tests.Commands;

/// <summary>The command line with generated data: Parquet and CSV shards, patterns, broken files.</summary>
public sealed class DataFilesCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-data-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliWorkspace.Run(args);

    private string Config()
    {
        string path = Path.Combine(_folder, "experiment.yaml");
        File.WriteAllText(path, ClickShardsExperiment.Yaml);
        return path;
    }

    [Fact]
    public void GeneratedParquetShardsTrainEvaluateAndPredictThroughAPattern()
    {
        var generate = Run("generate", "--kind", "click-conversion", "--rows", "400", "--shards", "3",
            "--out", Path.Combine(_folder, "data", "clicks.parquet"));
        Assert.True(generate.Code == 0, generate.Err);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_folder, "data"), "clicks-*.parquet").Length);
        string run = Path.Combine(_folder, "run");

        var train = Run("train", "--config", Config(), "--out", run, "--quiet");

        Assert.True(train.Code == 0, train.Err);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        Assert.Equal(300, report.RootElement.GetProperty("rows").GetProperty("train").GetInt32());
        Assert.Equal(100, report.RootElement.GetProperty("rows").GetProperty("test").GetInt32());
        string pattern = Path.Combine(_folder, "data", "clicks-*.parquet");
        var evaluate = Run("evaluate", "--model", run, "--data", pattern);
        Assert.True(evaluate.Code == 0, evaluate.Err);
        Assert.Contains("Evaluated 400 rows", evaluate.Out);
        string scores = Path.Combine(_folder, "scores.csv");
        var predict = Run("predict", "--model", run, "--data", pattern, "--out", scores, "--chunk-rows", "64");
        Assert.True(predict.Code == 0, predict.Err);
        Assert.Equal(401, File.ReadAllLines(scores).Length);
    }

    [Fact]
    public void GeneratedGzipTextShardsTrainAsTheParquetOnesDo()
    {
        Assert.Equal(0, Run("generate", "--kind", "click-conversion", "--rows", "200", "--shards", "2",
            "--out", Path.Combine(_folder, "data", "clicks.csv.gz")).Code);

        var train = Run("train", "--config", Config(), "--data", Path.Combine(_folder, "data", "clicks-*.csv.gz"),
            "--out", Path.Combine(_folder, "run"), "--quiet");

        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("150 rows", train.Out);
    }

    [Fact]
    public void ATruncatedParquetFileStopsTrainingWithOneLineAndExitCode1()
    {
        Assert.Equal(0, Run("generate", "--kind", "click-conversion", "--rows", "100",
            "--out", Path.Combine(_folder, "data", "clicks-0.parquet")).Code);
        string file = Path.Combine(_folder, "data", "clicks-0.parquet");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length * 2 / 3)]);

        var (code, _, error) = Run("train", "--config", Config(), "--out", Path.Combine(_folder, "run"), "--quiet");

        Assert.Equal(1, code);
        Assert.Equal($"recsharp: {file}: the Parquet file is truncated: it does not end with the Parquet marker 'PAR1' "
            + "after its footer", error.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(_folder, "run")));
    }

    [Fact]
    public void APatternMatchingNoFileExitsWith1()
    {
        var (code, _, error) = Run("train", "--config", Config(), "--out", Path.Combine(_folder, "run"), "--quiet");

        Assert.Equal(1, code);
        Assert.Equal($"recsharp: {Path.Combine(_folder, "data", "clicks-*.parquet")}: the pattern matches no file",
            error.TrimEnd());
    }

    [Fact]
    public void RetrainingWithAnEarlierRunsPreprocessingKeepsItsIdsAndRefusesOtherFeatures()
    {
        Assert.Equal(0, Run("generate", "--kind", "click-conversion", "--rows", "300",
            "--out", Path.Combine(_folder, "data", "clicks-a.parquet")).Code);
        Assert.Equal(0, Run("generate", "--kind", "click-conversion", "--rows", "300", "--seed", "7",
            "--out", Path.Combine(_folder, "later", "clicks-b.parquet")).Code);
        string config = Config(), first = Path.Combine(_folder, "first");
        string later = Path.Combine(_folder, "later", "*.parquet");
        Assert.Equal(0, Run("train", "--config", config, "--out", first, "--quiet").Code);

        var reused = Run("train", "--config", config, "--data", later, "--out", Path.Combine(_folder, "reused"),
            "--quiet", "--preprocessing", first);
        var refitted = Run("train", "--config", config, "--data", later, "--out", Path.Combine(_folder, "refitted"),
            "--quiet");
        File.WriteAllText(config,
            ClickShardsExperiment.Yaml.Replace("  - { name: item_price, kind: dense, scaler: minmax }\n", ""));
        var other = Run("train", "--config", config, "--out", Path.Combine(_folder, "other"), "--quiet",
            "--preprocessing", first);

        Assert.True(reused.Code == 0, reused.Err);
        Assert.True(refitted.Code == 0, refitted.Err);
        Assert.Equal(Preprocessing(first), Preprocessing(Path.Combine(_folder, "reused")));
        Assert.NotEqual(Preprocessing(first), Preprocessing(Path.Combine(_folder, "refitted")));
        Assert.Equal(1, other.Code);
        Assert.Contains("was fitted for the features", other.Err);
        Assert.False(Directory.Exists(Path.Combine(_folder, "other")));
    }

    private static string Preprocessing(string run)
        => SafeTensorsFormat.Read(Path.Combine(run, "model.safetensors")).Metadata[ModelArtifact.PreprocessingKey];

    [Fact]
    public void GenerateNeverReplacesAFileAndChecksItsArguments()
    {
        string target = Path.Combine(_folder, "mine.csv");
        File.WriteAllText(target, "precious");

        var exists = Run("generate", "--kind", "mmoe", "--rows", "5", "--out", target);
        var kind = Run("generate", "--kind", "movies", "--rows", "5", "--out", Path.Combine(_folder, "x.csv"));
        var rows = Run("generate", "--kind", "mmoe", "--rows", "-5", "--out", Path.Combine(_folder, "x.csv"));

        Assert.Equal(1, exists.Code);
        Assert.Contains("does not replace files", exists.Err);
        Assert.Equal("precious", File.ReadAllText(target));
        Assert.Equal(2, kind.Code);
        Assert.Contains("--kind must be one of click-conversion, mmoe, census-like", kind.Err);
        Assert.Equal(2, rows.Code);
    }
}
