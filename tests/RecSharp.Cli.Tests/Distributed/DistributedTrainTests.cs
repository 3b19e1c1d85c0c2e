using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Cli.Tests.Support;
using RecSharp.Data.Configuration;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Tests.Shared;
using RecSharp.Training;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Cli.Tests.Distributed;

/// <summary>
/// <c>mpirun -np 2 recsharp train … --distributed mpi</c> on this machine: the run, a job killed and resumed, a rank
/// that fails.
/// </summary>
public sealed class DistributedTrainTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    [SkippableFact]
    public void TwoRanksWriteOneRunWhoseMetricsCoverEveryRanksRows()
    {
        MpiJob.Launcher();
        WriteData(400);
        string run = _workspace.PathOf("run");

        var (code, output, error) = MpiJob.Run(2, MpiJob.Cli, "train", "--config", _workspace.Config,
            "--data", _workspace.Data, "--out", run, "--distributed", "mpi");

        Assert.True(code == 0, error);
        Assert.Contains("Data-parallel over 2 MPI ranks", output);
        Assert.Single(output.Split('\n'), line => line.StartsWith("Epoch 2/2", StringComparison.Ordinal));
        Assert.Single(output.Split('\n'), line => line.StartsWith("Wrote ", StringComparison.Ordinal));
        var config = ExperimentConfigLoader.Load(_workspace.Config).WithDataPath(_workspace.Data);
        var data = DataPreparation.FromConfig(config, skipBadRows: false);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "report.json")));
        var distributed = report.RootElement.GetProperty("distributed");
        Assert.Equal(2, distributed.GetProperty("ranks").GetInt32());
        Assert.Equal(32, distributed.GetProperty("global_batch_size").GetInt32());
        Assert.Equal("rows", distributed.GetProperty("divided_by").GetString());                   // one file
        Assert.Equal(data.Train.RowCount, distributed.GetProperty("training_rows_per_rank").EnumerateArray()
            .Sum(rows => rows.GetInt32()));

        // The test metrics are those of all test rows, which a single process computes from the saved model.
        using var model = ModelPersistence.Load(Path.Combine(run, "model.safetensors"));
        model.Compile(metrics: config.Training.Metrics);
        var expected = model.Evaluate(data.Test.ToInputDictionary(), data.Test.Labels, batchSize: 1024);
        var written = report.RootElement.GetProperty("test_metrics");
        foreach (var (name, value) in expected)
        {
            if (double.IsNaN(value)) Assert.Equal(JsonValueKind.Null, written.GetProperty(name).ValueKind); // spend AUC
            else Assert.Equal(value, written.GetProperty(name).GetDouble(), 1e-6);
        }
    }

    [SkippableFact]
    public void AJobKilledWithSignal9ResumesOnTheSameRanksToTheWeightsOfAnUninterruptedRun()
    {
        MpiJob.Launcher();
        WriteData(400);
        string full = _workspace.PathOf("full");
        string cut = _workspace.PathOf("cut");
        string checkpoint = cut + ".checkpoint.safetensors";
        string[] Train(string run, params string[] more) =>
        [
            "train", "--config", _workspace.Config, "--data", _workspace.Data, "--out", run, "--epochs", "60",
            "--quiet", "--distributed", "mpi", .. more,
        ];

        var uninterrupted = MpiJob.Run(2, MpiJob.Cli, Train(full));
        Assert.True(uninterrupted.Code == 0, uninterrupted.Err);

        var output = new StringBuilder();
        var error = new StringBuilder();
        using (var job = MpiJob.Start(output, error, (2, MpiJob.Cli, Train(cut, "--checkpoint-every", "3"))))
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && !job.HasExited && clock.Elapsed < MpiJob.Deadline) Thread.Sleep(20);
            Assert.False(job.HasExited, $"the job ended before it could be killed:\n{output}{error}");
            job.Kill(entireProcessTree: true);                                             // SIGKILL to every process
            job.WaitForExit();
        }
        Assert.False(Directory.Exists(cut));
        using (var state = JsonDocument.Parse(SafeTensorsFormat.Read(checkpoint).Metadata[TrainingCheckpoint.StateKey]))
            Assert.Equal(2, state.RootElement.GetProperty("world_size").GetInt32());

        var alone = CliWorkspace.Run(["train", "--config", _workspace.Config, "--data", _workspace.Data, "--out", cut,
            "--epochs", "60", "--quiet", "--resume", checkpoint]);
        Assert.Equal(1, alone.Code);
        Assert.Contains("written by 2 process(es), this fit runs on 1", alone.Err);

        var resumed = MpiJob.Run(2, MpiJob.Cli, Train(cut, "--resume", checkpoint));
        Assert.True(resumed.Code == 0, resumed.Err);
        string expected = Path.Combine(full, "model.safetensors");
        Assert.Equal(0, MpiJob.MaxDifference(expected, Path.Combine(cut, "model.safetensors")));
    }

    [SkippableFact]
    public void ARankThatFindsABadRowEndsTheJobWithItsMessage()
    {
        MpiJob.Launcher();
        string good = WriteData(200);
        string bad = _workspace.PathOf("bad.csv");
        var lines = File.ReadAllLines(good).ToList();
        lines.Insert(5, "u1,i2,not-a-price,1,0.5");
        File.WriteAllLines(bad, lines);
        string run = _workspace.PathOf("run");
        string[] Train(string data) =>
            ["train", "--config", _workspace.Config, "--data", data, "--out", run, "--distributed", "mpi"];

        var (code, _, error) = MpiJob.RunEach((1, MpiJob.Cli, Train(good)), (1, MpiJob.Cli, Train(bad)));

        Assert.NotEqual(0, code);
        // mpirun forwards each rank's standard error as it comes, so the other rank's lines may interleave with it.
        Assert.True(error.Contains("recsharp (rank 1 of 2): ", StringComparison.Ordinal), error);
        string fromRank1 = error[error.IndexOf("recsharp (rank 1 of 2): ", StringComparison.Ordinal)..];
        Assert.True(fromRank1.Contains("line 6", StringComparison.Ordinal), error);
        Assert.True(fromRank1.Contains("not-a-price", StringComparison.Ordinal), error);
        // The other rank, ended by the abort, shows no stack trace: neither .NET's nor an MPI error stack.
        Assert.False(error.Contains("   at ", StringComparison.Ordinal), error);
        Assert.False(error.Contains("Exception", StringComparison.Ordinal), error);
        Assert.False(error.Contains("error stack", StringComparison.OrdinalIgnoreCase), error);
        Assert.False(Directory.Exists(run));
    }

    [SkippableFact]
    public void GaucOverTwoRanksGroupsEveryRanksRows()
    {
        MpiJob.Launcher();
        _workspace.WriteSmallData(400, config: c => c
            .Replace("testSplit: 0.25", "testSplit: 0.25\n  validationSplit: 0.2\n  threads: 1\n  groupBy: user",
                StringComparison.Ordinal)
            .Replace("metrics: [auc, mse]", "metrics: [auc, gauc, mse]", StringComparison.Ordinal));
        string run = _workspace.PathOf("run");

        var (code, _, error) = MpiJob.Run(2, MpiJob.Cli, "train", "--config", _workspace.Config,
            "--data", _workspace.Data, "--out", run, "--distributed", "mpi");

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "report.json")));
        var history = report.RootElement.GetProperty("history");
        Assert.Equal(2, history.GetProperty("click_gauc").GetArrayLength());          // training rows of both ranks
        Assert.Equal(2, history.GetProperty("val_click_gauc").GetArrayLength());
        // The test GAUC groups the test rows of both ranks by user, as one process grouping all of them does.
        var config = ExperimentConfigLoader.Load(_workspace.Config).WithDataPath(_workspace.Data);
        var data = DataPreparation.FromConfig(config, skipBadRows: false);
        using var model = ModelPersistence.Load(Path.Combine(run, "model.safetensors"));
        ModelFactory.Compile(model, config.Training);
        var expected = model.Evaluate(data.Test.ToInputDictionary(), data.Test.Labels, batchSize: 1024);
        double written = report.RootElement.GetProperty("test_metrics").GetProperty("click_gauc").GetDouble();
        Assert.Equal(expected["click_gauc"], written, 1e-6);
    }

    [SkippableFact]
    public void TheBuiltInExampleTrainsOnTwoRanksIntoOneRunFolder()
    {
        MpiJob.Launcher();
        string run = _workspace.PathOf("run");
        var scratchBefore = ExampleScratchFolders();

        var (code, output, error) = MpiJob.Run(2, MpiJob.Cli, "train", "--out", run, "--epochs", "1",
            "--distributed", "mpi");

        Assert.True(code == 0, error);
        Assert.Contains("Data-parallel over 2 MPI ranks", output);
        Assert.Single(output.Split('\n'), line => line.StartsWith("Wrote ", StringComparison.Ordinal));
        Assert.Equal(BuiltInExample.ExperimentYaml, File.ReadAllText(Path.Combine(run, "experiment.yaml")));
        Assert.True(File.Exists(Path.Combine(run, BuiltInExample.DataFileName)));
        Assert.True(File.Exists(Path.Combine(run, "model.safetensors")));
        Assert.Empty(ExampleScratchFolders().Except(scratchBefore));         // rank 1's copy of the rows is removed
    }

    private static string[] ExampleScratchFolders() =>
        Directory.GetDirectories(Path.GetTempPath(), "recsharp-example-*");

    // The small experiment on one libtorch thread per rank, with validation rows.
    private string WriteData(int rows) => _workspace.WriteSmallData(rows,
        config: c => c.Replace("testSplit: 0.25", "testSplit: 0.25\n  validationSplit: 0.2\n  threads: 1",
            StringComparison.Ordinal));

    public void Dispose() => _workspace.Dispose();
}
