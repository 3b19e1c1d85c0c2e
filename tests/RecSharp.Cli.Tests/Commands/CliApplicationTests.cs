using System.Text.Json;
using RecSharp.Application.Plots;
using RecSharp.Application.Preparation;
using RecSharp.Cli.Tests.Support;
using RecSharp.Data.Configuration;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Tests.Shared;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Cli.Tests.Commands;

/// <summary>End-to-end runs of the <c>recsharp</c> command line, in process.</summary>
public sealed class CliApplicationTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();
    private string Folder => _workspace.Folder;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliWorkspace.Run(args);

    private string WriteSmallData(int rows, string? badLine = null) => _workspace.WriteSmallData(rows, badLine);

    [Fact]
    public void TrainWithoutDataRunsTheBuiltInExampleAndWritesTheRun()
    {
        string outDir = Path.Combine(Folder, "run");

        var (code, output, error) = Run("train", "--epochs", "1", "--quiet", "--out", outDir);

        Assert.True(code == 0, error);
        Assert.Contains("Training ple on 14400 rows of the built-in example, example.csv in the run folder, with " +
                        "1600 validation rows and 4000 test rows held out.", output);
        Assert.Contains("conversion", output);
        Assert.True(File.Exists(Path.Combine(outDir, "model.safetensors")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.InRange(report.RootElement.GetProperty("test_metrics").GetProperty("click_auc").GetDouble(), 0.0, 1.0);
        Assert.Equal(14400, report.RootElement.GetProperty("rows").GetProperty("train").GetInt32());     // as printed
        Assert.Equal(1600, report.RootElement.GetProperty("rows").GetProperty("validation").GetInt32());
        Assert.Equal(4000, report.RootElement.GetProperty("rows").GetProperty("test").GetInt32());
        Assert.Equal("ple", report.RootElement.GetProperty("model").GetString());
        var training = report.RootElement.GetProperty("training");   // what was used, not what was left unset
        Assert.Equal("adam", training.GetProperty("optimizer").GetString());
        Assert.Equal(1e-3, training.GetProperty("learning_rate").GetDouble());
        Assert.Equal("binary_crossentropy", training.GetProperty("losses").GetProperty("click").GetString());
        Assert.Equal(1.0, training.GetProperty("loss_weights").GetProperty("conversion").GetDouble());
        Assert.Equal(["auc", "logloss"], training.GetProperty("metrics").GetProperty("click").EnumerateArray()
            .Select(m => m.GetString()));
        Assert.Equal(2, training.GetProperty("early_stopping").GetProperty("patience").GetInt32());
        Assert.True(PngFile.HasSignature(File.ReadAllBytes(Path.Combine(outDir, "curves.png"))));
        Assert.Equal(BuiltInExample.ExperimentYaml, File.ReadAllText(Path.Combine(outDir, "experiment.yaml")));
        Assert.Equal(20_001, File.ReadLines(Path.Combine(outDir, BuiltInExample.DataFileName)).Count());  // with header
    }

    [Fact]
    public void TheBuiltInExamplesRunFolderServesEvaluateAndPredict()
    {
        string run = Path.Combine(Folder, "run");
        string data = Path.Combine(run, BuiltInExample.DataFileName);
        string scores = Path.Combine(Folder, "scores.csv");
        Assert.Equal(0, Run("train", "--epochs", "1", "--quiet", "--out", run).Code);

        var evaluated = Run("evaluate", "--model", run, "--data", data);
        var predicted = Run("predict", "--model", run, "--data", data, "--out", scores);

        Assert.True(evaluated.Code == 0, evaluated.Err);
        Assert.Contains($"Evaluated 20000 rows of {data}", evaluated.Out);
        Assert.Matches(@"conversion\s+\d\.\d{4}\s+\d\.\d{4}", evaluated.Out);
        Assert.True(predicted.Code == 0, predicted.Err);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("line,click,conversion", lines[0]);
        Assert.Equal(20_001, lines.Length);
    }

    [Fact]
    public void TheBuiltInExampleIsTheExperimentFileInTheExamplesFolder()
    {
        string example = File.ReadAllText(RepositoryFiles.Path("examples/click-conversion/experiment.yaml"));
        Assert.Equal(example, BuiltInExample.ExperimentYaml);
        var config = ExperimentConfigLoader.Parse(BuiltInExample.ExperimentYaml);
        Assert.NotNull(config.Training.EarlyStopping);                 // it ends at its best epoch
        Assert.True(config.Training.ValidationSplit > 0);
    }

    [Fact]
    public void AHuberLossAndAnRmseMetricTrainAsConfigured()
    {
        string data = _workspace.WriteSmallData(80, config: c => c.Replace("  metrics: [auc, mse]",
            "  losses: [binary_crossentropy, huber]\n  metrics: { click: [auc], spend: [rmse] }"));
        string run = Path.Combine(Folder, "run");

        var (code, _, error) = Run("train", "--config", _workspace.Config, "--data", data, "--out", run, "--quiet");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var root = report.RootElement;
        Assert.Equal("huber", root.GetProperty("training").GetProperty("losses").GetProperty("spend").GetString());
        Assert.True(double.IsFinite(root.GetProperty("test_metrics").GetProperty("spend_rmse").GetDouble()));
    }

    [Fact]
    public void MetricsGivenPerTaskWithGaucReachTheTableTheReportAndEvaluate()
    {
        string data = _workspace.WriteSmallData(160, config: c => c.Replace("  metrics: [auc, mse]",
            "  groupBy: user\n  metrics: { click: [auc, gauc], spend: [mae] }"));
        string run = Path.Combine(Folder, "run");

        var (code, output, error) = Run("train", "--config", _workspace.Config, "--data", data, "--out", run);
        var evaluated = Run("evaluate", "--model", run, "--data", data);

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var metrics = report.RootElement.GetProperty("test_metrics").EnumerateObject().Select(p => p.Name)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["click_auc", "click_gauc", "spend_mae"], metrics);
        Assert.Matches(@"test\s+auc\s+gauc\s+mae\n", output.ReplaceLineEndings("\n"));
        Assert.Matches(@"spend\s+-\s+-\s+\d+\.\d{4}\n", output.ReplaceLineEndings("\n"));
        Assert.True(evaluated.Code == 0, evaluated.Err);
        Assert.Matches(@"click\s+\d\.\d{4}\s+\d\.\d{4}\s+-\n", evaluated.Out.ReplaceLineEndings("\n"));
    }

    private string WithValidation(int rows, Func<int, Random, string> line) =>
        _workspace.WriteData(rows, line, config: c =>
            c.Replace("testSplit: 0.25", "testSplit: 0.25\n  validationSplit: 0.2"));

    [Fact]
    public void TrainDrawsTheLearningCurves()
    {
        string data = WithValidation(120,
            (i, r) => $"u{r.Next(8)},i{r.Next(30)},{r.NextDouble() * 10:F3},{i % 2},{r.NextDouble():F3}");
        string run = Path.Combine(Folder, "run");

        var (code, _, error) = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data,
            "--out", run, "--quiet");

        Assert.True(code == 0, error);
        byte[] png = File.ReadAllBytes(Path.Combine(run, "curves.png"));
        Assert.True(PngFile.HasSignature(png));
        // Panels: the loss, the validation AUC and the validation MSE.
        Assert.Equal((TrainingCurves.Width, 3 * TrainingCurves.PanelHeight), PngFile.Size(png));
        var (colours, drawn) = PngFile.Ink(png);
        Assert.True(colours >= 16, $"only {colours} colours");
        Assert.InRange(drawn, 0.01, 0.9);
        Assert.Equal([".recsharp-run", "checkpoint.safetensors", "curves.png", "experiment.yaml", "model.safetensors",
            "report.json"],
            Directory.GetFiles(run).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RedirectedProgressIsOnePlainLinePerEpoch()
    {
        string data = WriteSmallData(120);
        string run = Path.Combine(Folder, "run");

        var (code, output, error) = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data,
            "--out", run);

        Assert.True(code == 0, error);
        var epochs = output.ReplaceLineEndings("\n").Split('\n')
            .Where(l => l.StartsWith("Epoch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, epochs.Length);
        Assert.Matches(@"^Epoch 1/2  \d+\.\ds  [\d,]+ rows/s  loss \d\.\d{4}  click_auc ", epochs[0]);
        Assert.StartsWith("Epoch 2/2  ", epochs[1]);
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void TheReportCountsCategoriesTheTrainingRowsNeverShowed()
    {
        // Every row has its own user, so no validation or test user is in the vocabulary fitted on the training rows.
        string data = WithValidation(120,
            (i, r) => $"user{i},i{r.Next(30)},{r.NextDouble() * 10:F3},{i % 2},{r.NextDouble():F3}");
        string run = Path.Combine(Folder, "run");

        var (code, output, error) = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data,
            "--out", run, "--quiet");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var rows = report.RootElement.GetProperty("rows");
        Assert.Equal(72, rows.GetProperty("train").GetInt32());
        Assert.Equal(18, rows.GetProperty("validation").GetInt32());
        Assert.Equal(30, rows.GetProperty("test").GetInt32());
        var unseen = report.RootElement.GetProperty("unseen_values");
        Assert.Equal(18, unseen.GetProperty("validation").GetProperty("user").GetInt64());
        Assert.Equal(30, unseen.GetProperty("test").GetProperty("user").GetInt64());
        Assert.False(unseen.GetProperty("test").TryGetProperty("item", out _), "hashed features have no vocabulary");
        Assert.Contains("18 validation and 30 test values of categorical features are not in the training vocabulary",
            output);
    }

    [Fact]
    public void KnownCategoriesAreNotCountedAsUnseen()
    {
        string data = WithValidation(120,
            (i, r) => $"u{i % 4},i{r.Next(30)},{r.NextDouble() * 10:F3},{i % 2},{r.NextDouble():F3}");
        string run = Path.Combine(Folder, "run");

        var (code, output, error) = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data,
            "--out", run, "--quiet");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var unseen = report.RootElement.GetProperty("unseen_values");
        Assert.Equal(0, unseen.GetProperty("validation").GetProperty("user").GetInt64());
        Assert.Equal(0, unseen.GetProperty("test").GetProperty("user").GetInt64());
        Assert.DoesNotContain("training vocabulary", output);
    }

    [Fact]
    public void TrainEvaluateAndPredictAFileFromAConfig()
    {
        string data = WriteSmallData(120);
        string run = Path.Combine(Folder, "run");

        var train = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data, "--out", run,
            "--quiet");
        Assert.True(train.Code == 0, train.Err);
        Assert.True(File.Exists(Path.Combine(run, "experiment.yaml")));

        var evaluate = Run("evaluate", "--model", run, "--data", data);
        Assert.True(evaluate.Code == 0, evaluate.Err);
        Assert.Contains("spend", evaluate.Out);

        string scores = Path.Combine(Folder, "scores.csv");
        var predict = Run("predict", "--model", run, "--data", data, "--out", scores, "--chunk-rows", "50");
        Assert.True(predict.Code == 0, predict.Err);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("line,click,spend", lines[0]);
        Assert.Equal(121, lines.Length);
    }

    [Fact]
    public void ResumingFromARunsCheckpointEndsWithTheWeightsOfOneUninterruptedRun()
    {
        string data = WriteSmallData(120);
        string config = Path.Combine(Folder, "experiment.yaml");
        string straight = Path.Combine(Folder, "straight"), first = Path.Combine(Folder, "first"),
            resumed = Path.Combine(Folder, "resumed");

        // 2 epochs
        Assert.Equal(0, Run("train", "--config", config, "--data", data, "--out", straight, "--quiet").Code);
        Assert.Equal(0, Run("train", "--config", config, "--data", data, "--out", first, "--quiet", "--epochs", "1",
            "--checkpoint-every", "2").Code);
        string checkpoint = Path.Combine(first, "checkpoint.safetensors");
        byte[] before = File.ReadAllBytes(checkpoint);
        var (code, output, error) = Run("train", "--config", config, "--data", data, "--out", resumed, "--quiet",
            "--resume", checkpoint);

        Assert.True(code == 0, error);
        Assert.Contains("Resuming from", output);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
        Assert.False(File.Exists(resumed + ".checkpoint.safetensors"));
        var expected = SafeTensorsFormat.Read(Path.Combine(straight, "model.safetensors"));
        var actual = SafeTensorsFormat.Read(Path.Combine(resumed, "model.safetensors"));
        Assert.Equal(expected.Entries.Select(e => e.Name), actual.Entries.Select(e => e.Name));
        foreach (var entry in expected.Entries)
            Assert.True(entry.Data.AsSpan().SequenceEqual(actual[entry.Name].Data), $"{entry.Name} differs");
        var notResumed = SafeTensorsFormat.Read(Path.Combine(first, "model.safetensors"));
        Assert.Contains(notResumed.Entries, e => !e.Data.AsSpan().SequenceEqual(actual[e.Name].Data));
    }

    [Fact]
    public void AnExperimentWithAdamWTrainsWithAdamWAndCheckpointsItsState()
    {
        string data = WriteSmallData(120);
        File.WriteAllText(_workspace.Config,
            CliWorkspace.SmallConfig.Replace("batchSize: 16", "batchSize: 16\n  optimizer: adamw"));
        string run = Path.Combine(Folder, "run");

        var (code, _, error) = Run("train", "--config", _workspace.Config, "--data", data, "--out", run, "--quiet");

        Assert.True(code == 0, error);
        var checkpoint = SafeTensorsFormat.Read(Path.Combine(run, "checkpoint.safetensors"));
        using var state = JsonDocument.Parse(
            checkpoint.Metadata[RecSharp.Training.Checkpoints.TrainingCheckpoint.StateKey]);
        Assert.Equal("AdamW", state.RootElement.GetProperty("optimizer").GetString());
        Assert.Equal(1e-3, state.RootElement.GetProperty("learning_rates")[0].GetDouble());
        Assert.Contains(checkpoint.Entries, e => e.Name.EndsWith(".exp_avg_sq", StringComparison.Ordinal));
    }

    [Fact]
    public void ResumingFromAMissingCheckpointIsAUsageError()
    {
        var (code, _, error) = Run("train", "--epochs", "1", "--quiet", "--resume",
            Path.Combine(Folder, "nothing.safetensors"));

        Assert.Equal(2, code);
        Assert.Contains("nothing.safetensors", error);
    }

    [Fact]
    public void AMalformedRowFailsNamingItsLineAndLeavesNoRunFolder()
    {
        string data = WriteSmallData(60, badLine: "u1,i2,not-a-number,1,0.5");
        string run = Path.Combine(Folder, "run");

        var (code, _, error) = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data,
            "--out", run);

        Assert.Equal(1, code);
        Assert.Contains("not-a-number", error);
        Assert.Contains("line 6", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(run));
        Assert.Empty(Directory.GetDirectories(Folder));
    }

    [Fact]
    public void LabelValuesReadAsZeroArePrintedAndReported()
    {
        // The click column holds yes/no plus one unexpected "maybe"; only "yes" is listed as positive.
        _workspace.WriteData(60, (i, r) =>
            $"u{r.Next(8)},i{r.Next(30)},{r.NextDouble() * 10:F3},{(i == 7 ? "maybe" : i % 2 == 0 ? "yes" : "no")}," +
                                $"{r.NextDouble():F3}",
            config: c => c.Replace("{ name: click, type: binary, label: click }",
                "{ name: click, type: binary, label: click, positive: [\"yes\"] }", StringComparison.Ordinal));
        string run = Path.Combine(Folder, "run");

        var (code, output, error) = Run(_workspace.Train(run));

        Assert.True(code == 0, error);
        Assert.Contains("Task click read 2 distinct label values as 0: \"no\" (", output);
        Assert.Contains("\"maybe\" (1 rows)", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var click = report.RootElement.GetProperty("labels_read_as_zero").GetProperty("click");
        Assert.Equal(1, click.GetProperty("maybe").GetInt64());
        Assert.True(click.GetProperty("no").GetInt64() > 10);
    }

    [Fact]
    public void SkipBadRowsCountsThemInTheReportAndOnTheConsole()
    {
        string data = WriteSmallData(60, badLine: "u1,i2,not-a-number,1,0.5");
        string run = Path.Combine(Folder, "run");

        var (code, output, error) = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data,
            "--out", run, "--skip-bad-rows", "--quiet");

        Assert.True(code == 0, error);
        Assert.Contains($"Skipped 1 bad row of {data} (line 6); first: ", output);
        Assert.Contains("not-a-number", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        Assert.Equal(1, report.RootElement.GetProperty("skipped_rows").GetInt32());
        Assert.Equal(6, report.RootElement.GetProperty("skipped_row_lines")[0].GetInt32());
    }

    [Fact]
    public void MoreThreadsThanLogicalProcessorsAreLoweredWithANote()
    {
        int processors = Environment.ProcessorCount;
        string data = _workspace.WriteSmallData(60,
            config: c => c.Replace("epochs: 2", $"epochs: 1\n  threads: {processors + 1}"));
        string run = Path.Combine(Folder, "run");

        var (code, output, error) = Run("train", "--config", _workspace.Config, "--data", data, "--out", run,
            "--quiet");

        Assert.True(code == 0, error);
        Assert.Contains($"training.threads is {processors + 1}, but this machine has {processors} logical " +
            $"processors; using {processors}", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        Assert.Equal(processors, report.RootElement.GetProperty("training").GetProperty("threads").GetInt32());
    }

    [Fact]
    public void AnUnknownConfigurationKeyIsABadInputError()
    {
        string data = WriteSmallData(10);
        File.WriteAllText(Path.Combine(Folder, "experiment.yaml"),
            CliWorkspace.SmallConfig.Replace("batchSize: 16", "batchSise: 16"));

        var (code, _, error) = Run("train", "--config", Path.Combine(Folder, "experiment.yaml"), "--data", data);

        Assert.Equal(1, code);
        Assert.Contains("batchSise", error);
        Assert.Contains("line", error);
    }

    [Theory]
    [InlineData("fly")]
    [InlineData("train", "--bogus")]
    [InlineData("predict", "--model")]
    public void UsageErrorsExitWithTwo(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("recsharp:", error);
    }

    [Fact]
    public void HelpIsAvailableForEveryCommand()
    {
        foreach (var command in new[] { "train", "evaluate", "predict" })
        {
            var (code, output, _) = Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("recsharp " + command, output);
        }
    }

    [Fact]
    public void TheVersionIsAnOptionAndHeadsTheHelp()
    {
        var (code, output, error) = Run("--version");

        Assert.True(code == 0, error);
        Assert.Matches(@"^recsharp \d+\.\d+\.\d+ \((commit [0-9a-f]{7}, )?TorchSharp \d+\.\d+\.\d+\)\n$",
            output.ReplaceLineEndings("\n"));
        Assert.StartsWith(output.Trim() + ": multi-task recommendation models", Run("--help").Out);
    }

    [Fact]
    public void CudaOnTheCpuBuildSaysWhatAToolUserCanDoAndAutoTrainsOnTheCpu()
    {
        _workspace.WriteSmallData(40, config: c => c.Replace("type: mmoe", "type: mmoe\n  device: cuda"));
        var (code, _, error) = Run(_workspace.Train(Path.Combine(Folder, "gpu")));
        _workspace.WriteSmallData(40, config: c => c.Replace("type: mmoe", "type: mmoe\n  device: auto"));
        var auto = Run(_workspace.Train(Path.Combine(Folder, "auto")));

        Assert.Equal(1, code);
        CliWorkspace.AssertOneLineError(error);
        Assert.Contains("recsharp runs on libtorch's CPU build (TorchSharp-cpu), which has no CUDA: " +
                        "set model.device to cpu or auto", error);
        Assert.Contains("TorchSharp-cuda-linux", error);
        Assert.True(auto.Code == 0, auto.Err);
    }

    [Trait("Data", "Census")]
    [SkippableFact]
    public void TrainsTheCensusExampleToTheReferenceAccuracy()
    {
        string census = SharedFolder.Require(SharedFolder.CensusFile);
        string config = RepositoryFiles.Path("examples/census/experiment.yaml");
        string run = Path.Combine(Folder, "census");

        var (code, _, error) = Run("train", "--config", config, "--data", census, "--out", run, "--quiet");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var metrics = report.RootElement.GetProperty("test_metrics");
        Assert.True(metrics.GetProperty("income_auc").GetDouble() >= 0.93,
            $"income AUC {metrics.GetProperty("income_auc")}");
        Assert.True(metrics.GetProperty("marital_auc").GetDouble() >= 0.99,
            $"marital AUC {metrics.GetProperty("marital_auc")}");
    }

    public void Dispose() => _workspace.Dispose();
}
