using System.Text.Json;
using RecSharp.Cli.Tests.Support;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Tests.Shared;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Cli.Tests.Commands;

/// <summary>
/// <c>recsharp train</c> streaming its training rows from files, and resuming such a run after kill -9.
/// </summary>
public sealed class StreamingTrainTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly CliWorkspace _workspace = new();

    // The small experiment, streamed through a buffer smaller than the data, on one libtorch thread (so that separate
    // processes compute alike), with validation rows split off by hash.
    private static string Streamed(string config, string more = "") => config.Replace("epochs: 2",
        "epochs: 2\n  threads: 1\n  streaming: true\n  shuffleBuffer: 40\n  validationSplit: 0.1" + more);

    [Fact]
    public void AStreamedRunTrainsOnEveryShardOfAFolderAndScoresItsTestRows()
    {
        _workspace.WriteSmallData(300, config: c => Streamed(c));
        string shards = _workspace.PathOf("shards");
        Directory.CreateDirectory(shards);
        var lines = File.ReadAllLines(_workspace.Data);
        for (int k = 0; k < 3; k++)
        {
            var shard = lines.Skip(1 + (k * 100)).Take(100).Prepend(lines[0]);
            File.WriteAllLines(Path.Combine(shards, $"part-{k}.csv"), shard);
        }
        string run = _workspace.PathOf("run");

        var (code, output, error) =
            CliWorkspace.Run("train", "--config", _workspace.Config, "--data", shards, "--out", run, "--quiet");

        Assert.True(code == 0, error);
        Assert.Contains(" (streamed), with ", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var rows = report.RootElement.GetProperty("rows");
        Assert.True(report.RootElement.GetProperty("streamed").GetBoolean());
        Assert.Equal(300, rows.GetProperty("train").GetInt32() + rows.GetProperty("validation").GetInt32()
                          + rows.GetProperty("test").GetInt32());
        Assert.InRange(rows.GetProperty("test").GetInt32(), 45, 105);           // testSplit 0.25 of 300, by hash
        Assert.InRange(rows.GetProperty("validation").GetInt32(), 5, 45);
        var auc = report.RootElement.GetProperty("test_metrics").GetProperty("click_auc").GetDouble();
        Assert.True(double.IsFinite(auc));
        Assert.Equal(2, report.RootElement.GetProperty("history").GetProperty("val_loss").GetArrayLength());
    }

    [Fact]
    public void DataAboveTheMemoryBudgetStreamsWithoutBeingAsked()
    {
        _workspace.WriteSmallData(80, config: c => c.Replace("header: true", "header: true\n  memoryBudget: 1KB"));
        var small = CliWorkspace.Run(_workspace.Train(_workspace.PathOf("small-budget")));
        _workspace.WriteSmallData(80);
        var plenty = CliWorkspace.Run(_workspace.Train(_workspace.PathOf("default-budget")));

        Assert.True(small.Code == 0, small.Err);
        Assert.Contains(" (streamed), with ", small.Out);
        Assert.True(plenty.Code == 0, plenty.Err);
        Assert.DoesNotContain("streamed", plenty.Out);
    }

    [Fact]
    public void AStreamedRunEncodesWithAnEarlierRunsPreprocessing()
    {
        _workspace.WriteSmallData(200, config: c => Streamed(c));
        string first = _workspace.PathOf("first"), second = _workspace.PathOf("second");
        Assert.Equal(0, CliWorkspace.Run(_workspace.Train(first)).Code);
        _workspace.WriteSmallData(100, config: c => Streamed(c));        // fewer rows: a fit of their own differs

        var (code, output, error) = CliWorkspace.Run(_workspace.Train(second, "--preprocessing", first));

        Assert.True(code == 0, error);
        Assert.Contains(" (streamed), with ", output);
        string Preprocessing(string run) =>
            SafeTensorsFormat.Read(Path.Combine(run, "model.safetensors")).Metadata[ModelArtifact.PreprocessingKey];
        Assert.Equal(Preprocessing(first), Preprocessing(second));
        string own = _workspace.PathOf("own");
        Assert.Equal(0, CliWorkspace.Run(_workspace.Train(own)).Code);
        Assert.NotEqual(Preprocessing(first), Preprocessing(own));
    }

    [Fact]
    public async Task ARunKilledMidEpochResumesToTheWeightsOfAnUninterruptedOne()
    {
        _workspace.WriteSmallData(3000, config: c => Streamed(c).Replace("epochs: 2", "epochs: 3"));
        string straight = _workspace.PathOf("straight"), killed = _workspace.PathOf("killed");
        string resumed = _workspace.PathOf("resumed");
        string checkpoint = killed + ".checkpoint.safetensors";

        Assert.Equal(0, RunToEnd(_workspace.Train(straight)));
        string[] args = _workspace.Train(killed, "--checkpoint-every", "3").Where(a => a != "--quiet").ToArray();
        using (var process = new CliProcess(args))
        {
            await process.LineAsync(line => line.StartsWith("Epoch 1/", StringComparison.Ordinal))
                .WaitAsync(Patience);                                            // the first epoch has ended
            while (!process.HasExited && StepOf(checkpoint) == 0) await Task.Delay(5);
            process.Signal("KILL");                                              // no handler runs
            Assert.NotEqual(0, process.WaitForExit(Patience));
        }
        Assert.True(StepOf(checkpoint) > 0, "the checkpoint left is not in the middle of an epoch");
        Assert.False(Directory.Exists(killed));

        Assert.Equal(0, RunToEnd(_workspace.Train(resumed, "--resume", checkpoint)));

        var expected = SafeTensorsFormat.Read(Path.Combine(straight, "model.safetensors"));
        var actual = SafeTensorsFormat.Read(Path.Combine(resumed, "model.safetensors"));
        Assert.Equal(expected.Entries.Select(e => e.Name), actual.Entries.Select(e => e.Name));
        foreach (var entry in expected.Entries)
            Assert.True(entry.Data.AsSpan().SequenceEqual(actual[entry.Name].Data), $"{entry.Name} differs");
    }

    // The batches of its epoch a checkpoint has done (0 while there is none or it is being replaced).
    private static int StepOf(string checkpoint)
    {
        try
        {
            var state = SafeTensorsFormat.Read(checkpoint).Metadata[TrainingCheckpoint.StateKey];
            return JsonDocument.Parse(state).RootElement.GetProperty("step").GetInt32();
        }
        catch (Exception e) when (e is IOException or SafeTensorsFormatException or KeyNotFoundException)
        {
            return 0;
        }
    }

    // Runs the CLI in its own process to the end; returns its exit code.
    private static int RunToEnd(string[] args)
    {
        using var process = new CliProcess(args);
        int code = process.WaitForExit(Patience);
        Assert.True(code == 0, $"{process.Output}{process.Error}");
        return code;
    }

    public void Dispose() => _workspace.Dispose();
}
