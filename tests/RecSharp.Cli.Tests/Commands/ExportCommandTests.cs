using System.Globalization;
using RecSharp.Cli.Commands;
using RecSharp.Cli.Tests.Support;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Export;
using RecSharp.Persistence;
using RecSharp.Tests.Shared;

namespace RecSharp.Cli.Tests.Commands;

/// <summary><c>recsharp export</c> on a run folder that <c>recsharp train</c> wrote, in process.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private const string Config = """
        data:
          separator: ","
          header: true
        tasks:
          - { name: click, type: binary, label: click }
          - { name: buy, type: binary, label: buy }
        features:
          - { name: user, kind: sparse, embeddingDim: 3 }
          - { name: site, kind: hashed, buckets: 12 }
          - { name: tags, kind: sequence, maxLen: 3, combiner: max }
          - { name: price, kind: dense, scaler: standard }
        model:
          type: ple
          numLevels: 2
          expertDnnHiddenUnits: [8]
          gateDnnHiddenUnits: [4]
          towerDnnHiddenUnits: [4]
        training:
          batchSize: 16
          epochs: 2
          testSplit: 0.25
        """;

    // ONNX Runtime's scores agree with libtorch's to this, as in the library's ONNX parity tests.
    private const double OnnxTolerance = 1e-5;

    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-export-").FullName;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliWorkspace.Run(args);

    // A small labelled file and a run trained on it; returns (data, run folder).
    private (string Data, string Run) Train()
    {
        var random = new Random(5);
        var lines = new List<string> { "user,site,tags,price,click,buy" };
        for (int i = 0; i < 160; i++)
        {
            var tags = string.Join('|', Enumerable.Range(0, random.Next(4)).Select(_ => $"t{random.Next(9)}"));
            int click = random.Next(2);
            string price = (random.NextDouble() * 50).ToString("F2", CultureInfo.InvariantCulture);
            lines.Add($"u{random.Next(10)},s{random.Next(40)},{tags},{price},{click},{click * random.Next(2)}");
        }
        string data = Path.Combine(_folder, "data.csv");
        File.WriteAllLines(data, lines);
        string config = Path.Combine(_folder, "experiment.yaml");
        File.WriteAllText(config, Config);
        string run = Path.Combine(_folder, "run");
        var train = Run("train", "--config", config, "--data", data, "--out", run, "--quiet");
        Assert.True(train.Code == 0, train.Err);
        return (data, run);
    }

    [Fact]
    public void ExportWritesAModelThatScoresTheFileAsPredictDoesAndThePreprocessingBesideIt()
    {
        var (data, run) = Train();
        string onnx = Path.Combine(_folder, "serving", "model.onnx");

        var export = Run("export", "--model", run, "--format", "onnx", "--out", onnx);

        Assert.True(export.Code == 0, export.Err);
        string preprocessing = Path.Combine(_folder, "serving", "preprocessing.json");
        var (_, stored) = ModelArtifact.Load(Path.Combine(run, "model.safetensors"));
        Assert.Equal(stored, File.ReadAllText(preprocessing));

        string scores = Path.Combine(_folder, "scores.csv");
        var predict = Run("predict", "--model", run, "--data", data, "--out", scores);
        Assert.True(predict.Code == 0, predict.Err);
        var expected = ReadScores(scores);

        // A scorer elsewhere: the preprocessing file turns the raw rows into the inputs the ONNX model takes.
        var artifacts = RunArtifacts.Open(run, data);
        using var model = artifacts.Model;
        var pipeline = FittedPipeline.FromJson(File.ReadAllText(preprocessing));
        var reader = CsvTableReader.ForExperiment(artifacts.Config, includeLabels: false, skipBadRows: false);
        var table = pipeline.Transform(reader.Read(data));
        using var session = new OnnxSession(onnx);
        var actual = session.Predict(model.Layout, table.ToInputDictionary(), batchSize: 1024);

        MatrixAssert.Close(expected, actual, OnnxTolerance);
        string hash = ModelHash.OfFile(Path.Combine(run, "model.safetensors"));
        Assert.Equal(hash, session.Metadata[OnnxMetadataKeys.ModelHash]);
        Assert.Contains("click, buy", export.Out);
    }

    [Fact]
    public void ExportNeverReplacesAFile()
    {
        var (_, run) = Train();
        string onnx = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(onnx, "the user's model");

        var (code, _, error) = Run("export", "--model", run, "--format", "onnx", "--out", onnx);

        Assert.Equal(1, code);
        Assert.Contains($"{onnx} already exists", error);
        Assert.Equal("the user's model", File.ReadAllText(onnx));
        Assert.False(File.Exists(Path.Combine(_folder, "preprocessing.json")));

        string other = Path.Combine(_folder, "other.onnx");
        File.Delete(onnx);
        File.WriteAllText(Path.Combine(_folder, "preprocessing.json"), "the user's preprocessing");
        (code, _, error) = Run("export", "--model", run, "--format", "onnx", "--out", other);

        Assert.Equal(1, code);
        Assert.Contains("preprocessing.json already exists", error);
        Assert.False(File.Exists(other));
        Assert.Equal("the user's preprocessing", File.ReadAllText(Path.Combine(_folder, "preprocessing.json")));
    }

    [Theory]
    [InlineData("--format", "torchscript", "--out", "m.onnx")]
    [InlineData("--format", "onnx")]
    [InlineData("--format", "onnx", "--out", "preprocessing.json")]
    public void UsageErrorsExitWithTwo(params string[] args)
    {
        var (code, _, error) = Run(["export", "--model", _folder, .. args]);

        Assert.Equal(2, code);
        Assert.StartsWith("recsharp:", error);
    }

    [Fact]
    public void AFolderWithoutAModelIsNamed()
    {
        string onnx = Path.Combine(_folder, "m.onnx");

        var (code, _, error) = Run("export", "--model", _folder, "--format", "onnx", "--out", onnx);

        Assert.Equal(1, code);
        Assert.Equal($"recsharp: {_folder} holds no model.safetensors: is it a folder written by recsharp train?",
            error.Trim());
        Assert.False(File.Exists(onnx));
    }

    [Fact]
    public void HelpDescribesTheCommand()
    {
        var (code, output, _) = Run("export", "--help");

        Assert.Equal(0, code);
        Assert.Contains("recsharp export --model", output);
    }

    // The task columns of predict's output, after each row's key (its line).
    private static double[,] ReadScores(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.StartsWith(PredictCommand.LineColumn + ",", lines[0], StringComparison.Ordinal);
        var rows = lines.Skip(1)
            .Select(l => l.Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var scores = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
            for (int t = 0; t < rows[i].Length; t++) scores[i, t] = rows[i][t];
        return scores;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
