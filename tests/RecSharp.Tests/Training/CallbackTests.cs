using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training;

/// <summary>Callbacks: hook order and counts, History, EarlyStopping (patience, modes, minDelta, best weights),
/// stopping.</summary>
public class CallbackTests
{
    private static Ple Compiled(string optimizer = "adam", IReadOnlyList<string>? metrics = null)
    {
        var model = SyntheticInputs.TinyPle();
        model.Compile(optimizer, metrics: metrics);
        return model;
    }

    [Fact]
    public void HooksAreCalledInOrderWithTheRightCounts()
    {
        var x = SyntheticInputs.Inputs(9);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var events = new FitTests.EventLog();

        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [events]);

        string[] Epoch(int e) =>
        [
            $"epoch-begin {e}",
            "batch-begin 0", "batch-end 0", "batch-begin 1", "batch-end 1", "batch-begin 2", "batch-end 2",
            $"epoch-end {e}",
        ];
        Assert.Equal(["train-begin", .. Epoch(0), .. Epoch(1), "train-end"], events.Events);
        Assert.Same(model, events.Model);
    }

    [Fact]
    public void EveryCallbackSeesTheSameEpochLogsAsTheHistory()
    {
        var x = SyntheticInputs.Inputs(24);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled(metrics: ["auc"]);
        var first = new FitTests.EventLog();
        var second = new FitTests.EventLog();

        var history = model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0, validationSplit: 0.25,
            callbacks: [first, second]);

        Assert.Equal([0, 1, 2, 3], history.Epochs);
        Assert.Equal(4, first.EpochLogs.Count);
        foreach (var (name, series) in history.Values)
        {
            Assert.Equal(4, series.Count);
            for (int e = 0; e < 4; e++)
            {
                Assert.Equal(first.EpochLogs[e][name], series[e]);
                Assert.Equal(second.EpochLogs[e][name], series[e]);
            }
        }
        // The epoch loss is the row-weighted mean of its batch losses.
        for (int e = 0; e < 4; e++)
        {
            var sizes = first.BatchSizes.Skip(3 * e).Take(3).ToArray();
            var losses = first.BatchLosses.Skip(3 * e).Take(3).ToArray();
            Assert.Equal(losses.Zip(sizes, (l, n) => l * n).Sum() / sizes.Sum(), history["loss"][e], 1e-9);
        }
    }

    [Fact]
    public void BatchLogsCarryTheEpochsProgressAndRunningLoss()
    {
        var x = SyntheticInputs.Inputs(30);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var progress = new BatchProgressLog();

        // 30 rows, a fifth held out: 24 training rows per epoch in batches of 10, 10 and 4.
        var history = model.Fit(x, y, batchSize: 10, epochs: 2, verbose: 0, validationSplit: 0.2,
            callbacks: [progress]);

        Assert.Equal([10.0, 20, 24, 10, 20, 24], progress.Logs.Select(l => l[BatchLogKeys.Rows]));
        Assert.All(progress.Logs, l => Assert.Equal(24, l[BatchLogKeys.EpochRows]));
        for (int e = 0; e < 2; e++)
        {
            var epoch = progress.Logs.Skip(3 * e).Take(3).ToArray();
            double sum = 0;
            foreach (var batch in epoch)
            {
                sum += batch[BatchLogKeys.Loss] * batch[BatchLogKeys.Size];
                Assert.Equal(sum / batch[BatchLogKeys.Rows], batch[BatchLogKeys.RunningLoss], 1e-9);
            }
            Assert.Equal(history["loss"][e], epoch[^1][BatchLogKeys.RunningLoss], 1e-9);
        }
    }

    private class BatchProgressLog : Callback
    {
        public List<Dictionary<string, double>> Logs { get; } = [];

        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) =>
            Logs.Add(new Dictionary<string, double>(logs));
    }

    // Inherits its batch hook: Fit must still call it per step.
    private sealed class InheritedBatchLog : BatchProgressLog
    {
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Epochs++;

        public int Epochs { get; private set; }
    }

    [Fact]
    public void ABatchHookInheritedFromABaseCallbackIsCalledEveryStep()
    {
        var x = SyntheticInputs.Inputs(9);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var log = new InheritedBatchLog();

        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [log]);

        Assert.Equal(2, log.Epochs);
        Assert.Equal([4.0, 8, 9, 4, 8, 9], log.Logs.Select(l => l[BatchLogKeys.Rows]));
    }

    [Fact]
    public void ACallbackCanStopTrainingAfterTheCurrentEpoch()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var stopper = new StopAt(1);
        var events = new FitTests.EventLog();

        var history = model.Fit(x, y, batchSize: 8, epochs: 10, verbose: 0, callbacks: [stopper, events]);

        Assert.Equal([0, 1], history.Epochs);
        Assert.Equal("train-end", events.Events[^1]);
        Assert.Equal("epoch-end 1", events.Events[^2]);
    }

    [Fact]
    public void ACallbackWritesAResumableCheckpointThroughItsContextOnlyWhileTheFitRuns()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        string folder = Directory.CreateTempSubdirectory("recsharp-context-").FullName;
        try
        {
            var saver = new CheckpointAfterFirstEpoch(Path.Combine(folder, "during.safetensors"));

            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, callbacks: [saver]);

            using var resumed = Compiled();
            var history = resumed.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, resumeFrom: saver.Path);
            Assert.Equal([1], history.Epochs);
            string after = Path.Combine(folder, "after.safetensors");
            Assert.Throws<InvalidOperationException>(() => saver.Context!.SaveCheckpoint(after));
            Assert.False(File.Exists(after));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class CheckpointAfterFirstEpoch(string path) : Callback
    {
        public string Path { get; } = path;

        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            if (epoch == 0) Context!.SaveCheckpoint(Path);
        }
    }

    private sealed class StopAt(int epoch) : Callback
    {
        public override void OnEpochEnd(int e, IReadOnlyDictionary<string, double> logs)
        {
            if (e == epoch) StopTraining();
        }
    }

    // ---- EarlyStopping driven by hand: the monitored values are ours ------------------------------------------

    private static (EarlyStopping Callback, TrainingContext Control) Attached(EarlyStopping callback,
        MultiTaskModel model)
    {
        model.Compile();
        var control = new TrainingContext(model, model.Setup()!, rank: 0,
            () => throw new InvalidOperationException("no position outside a fit"));
        callback.Attach(control);
        callback.OnTrainBegin();
        return (callback, control);
    }

    private static Dictionary<string, double> Logs(string name, double value) => new() { [name] = value };

    [Fact]
    public void EarlyStoppingWaitsPatienceEpochsWithoutImprovement()
    {
        using var model = SyntheticInputs.TinyPle();
        var (stopping, control) = Attached(new EarlyStopping("score", patience: 2, mode: "max"), model);
        double[] scores = [0.5, 0.6, 0.6, 0.55, 0.58];

        int? stoppedAt = null;
        for (int e = 0; e < scores.Length && stoppedAt is null; e++)
        {
            stopping.OnEpochEnd(e, Logs("score", scores[e]));
            if (control.StopRequested) stoppedAt = e;
        }

        // Best 0.6 at epoch 1; epochs 2 and 3 do not beat it: the second of them (wait 2 >= patience 2) stops, as in
        // Keras and the reference.
        Assert.Equal(3, stoppedAt);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(0.6, stopping.Best);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    public void TrainingStopsAfterExactlyPatienceEpochsWithoutImprovement(int patience, int expectedStop)
    {
        using var model = SyntheticInputs.TinyPle();
        var (stopping, control) = Attached(new EarlyStopping("score", patience: patience, mode: "max"), model);

        int? stoppedAt = null;
        for (int e = 0; e < 10 && stoppedAt is null; e++)
        {
            stopping.OnEpochEnd(e, Logs("score", e == 1 ? 0.9 : 0.5));        // the best epoch is epoch 1
            if (control.StopRequested) stoppedAt = e;
        }

        Assert.Equal(expectedStop, stoppedAt);                              // 1 + patience
    }

    [Fact]
    public void AnImprovementResetsThePatience()
    {
        using var model = SyntheticInputs.TinyPle();
        var (stopping, control) = Attached(new EarlyStopping("score", patience: 2, mode: "max"), model);

        stopping.OnEpochEnd(0, Logs("score", 0.5));
        stopping.OnEpochEnd(1, Logs("score", 0.4));                // wait 1
        stopping.OnEpochEnd(2, Logs("score", 0.7));                // improved: wait 0
        stopping.OnEpochEnd(3, Logs("score", 0.6));                // wait 1
        Assert.False(control.StopRequested);
        stopping.OnEpochEnd(4, Logs("score", 0.65));               // wait 2 = patience

        Assert.True(control.StopRequested);
        Assert.Equal(4, stopping.StoppedEpoch);
        Assert.Equal(0.7, stopping.Best);
    }

    [Fact]
    public void ModeMinTreatsLowerValuesAsBetter()
    {
        using var model = SyntheticInputs.TinyPle();
        var (stopping, control) = Attached(new EarlyStopping("score", patience: 0, mode: "min"), model);

        stopping.OnEpochEnd(0, Logs("score", 0.5));
        stopping.OnEpochEnd(1, Logs("score", 0.4));
        Assert.False(control.StopRequested);
        stopping.OnEpochEnd(2, Logs("score", 0.45));

        Assert.True(control.StopRequested);
        Assert.Equal(0.4, stopping.Best);
        Assert.Equal(2, stopping.StoppedEpoch);
    }

    [Fact]
    public void MinDeltaIgnoresSmallImprovements()
    {
        using var model = SyntheticInputs.TinyPle();
        var (stopping, control) = Attached(new EarlyStopping("score", minDelta: 0.1, patience: 0, mode: "max"), model);

        stopping.OnEpochEnd(0, Logs("score", 0.5));
        stopping.OnEpochEnd(1, Logs("score", 0.61));               // +0.11 > 0.1: an improvement
        Assert.False(control.StopRequested);
        stopping.OnEpochEnd(2, Logs("score", 0.7));                // +0.09: not enough

        Assert.True(control.StopRequested);
        Assert.Equal(0.61, stopping.Best);
    }

    [Theory]
    [InlineData("val_loss", false)]
    [InlineData("loss", false)]
    [InlineData("val_ctr_auc", true)]
    [InlineData("ctcvr_auc", true)]
    [InlineData("val_ctr_accuracy", true)]
    [InlineData("val_ctr_logloss", false)]
    [InlineData("val_income_mse", false)]
    [InlineData("val_income_mae", false)]
    public void ModeAutoDecidesTheDirectionFromTheName(string monitor, bool higherIsBetter)
    {
        Assert.Equal(higherIsBetter, MonitorMode.HigherIsBetter(monitor, "auto"));
        using var model = SyntheticInputs.TinyPle();
        var (stopping, control) = Attached(new EarlyStopping(monitor, patience: 0), model);

        stopping.OnEpochEnd(0, Logs(monitor, 0.5));
        stopping.OnEpochEnd(1, Logs(monitor, 0.6));

        // Going up is an improvement exactly when higher is better.
        Assert.Equal(!higherIsBetter, control.StopRequested);
    }

    [Fact]
    public void RestoreBestWeightsPutsTheBestEpochsWeightsBack()
    {
        using var model = SyntheticInputs.TinyPle();
        var (stopping, _) = Attached(new EarlyStopping("score", patience: 5, mode: "max", restoreBestWeights: true),
            model);
        var parameters = model.ParametersByName();

        SetBias(parameters["out.0.bias"], 1.0);
        stopping.OnEpochEnd(0, Logs("score", 0.5));
        SetBias(parameters["out.0.bias"], 2.0);
        stopping.OnEpochEnd(1, Logs("score", 0.9));                // best: bias 2
        var best = SyntheticInputs.Snapshot(model);
        SetBias(parameters["out.0.bias"], 3.0);
        using (no_grad()) parameters["tower_dnn_final_layer.1.weight"].add_(1.0);
        stopping.OnEpochEnd(2, Logs("score", 0.7));
        stopping.OnTrainEnd(Logs("score", 0.7));

        SyntheticInputs.AssertSameState(best, SyntheticInputs.Snapshot(model));
        Assert.Equal(2.0, SyntheticInputs.Snapshot(model)["out.0.bias"][0]);
    }

    [Fact]
    public void WithoutRestoreBestWeightsTheLastWeightsStay()
    {
        using var model = SyntheticInputs.TinyPle();
        var (stopping, _) = Attached(new EarlyStopping("score", patience: 5, mode: "max"), model);
        var bias = model.ParametersByName()["out.0.bias"];

        SetBias(bias, 2.0);
        stopping.OnEpochEnd(0, Logs("score", 0.9));
        SetBias(bias, 3.0);
        stopping.OnEpochEnd(1, Logs("score", 0.1));
        stopping.OnTrainEnd(Logs("score", 0.1));

        Assert.Equal(3.0, SyntheticInputs.Snapshot(model)["out.0.bias"][0]);
    }

    private static void SetBias(Tensor parameter, double value)
    {
        using (no_grad()) parameter.fill_(value);
    }

    // ---- EarlyStopping inside Fit ------------------------------------------------------------------------------

    [Fact]
    public void EarlyStoppingInFitStopsAndRestoresTheBestEpoch()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        using var oneEpoch = Compiled();
        // The training loss falls every epoch, so under mode max the first epoch is the best and never beaten.
        var stopping = new EarlyStopping("loss", patience: 1, mode: "max", restoreBestWeights: true);

        var history = model.Fit(x, y, batchSize: 8, epochs: 10, verbose: 0, callbacks: [stopping]);
        oneEpoch.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0);

        Assert.True(history["loss"][1] < history["loss"][0], "precondition: the loss falls");
        Assert.Equal([0, 1], history.Epochs);
        Assert.Equal(1, stopping.StoppedEpoch);
        Assert.Equal(history["loss"][0], stopping.Best);
        var expected = SyntheticInputs.RawSnapshot(oneEpoch);
        Assert.All(SyntheticInputs.RawSnapshot(model), kv => Assert.Equal(expected[kv.Key], kv.Value));
    }

    [Fact]
    public void EarlyStoppingInFitRunsToTheEndWhileTheMonitorImproves()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var stopping = new EarlyStopping("loss", patience: 0);       // auto: a loss goes down

        var history = model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0, callbacks: [stopping]);

        for (int e = 1; e < 4; e++)
            Assert.True(history["loss"][e] < history["loss"][e - 1], "precondition: the loss falls");
        Assert.Equal([0, 1, 2, 3], history.Epochs);
        Assert.Null(stopping.StoppedEpoch);
        Assert.Equal(history["loss"][3], stopping.Best);
    }

    [Fact]
    public void AHugeMinDeltaStopsAfterTheSecondEpoch()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var stopping = new EarlyStopping("loss", minDelta: 1e9, patience: 0, mode: "min");

        var history = model.Fit(x, y, batchSize: 8, epochs: 10, verbose: 0, callbacks: [stopping]);

        Assert.Equal([0, 1], history.Epochs);
        Assert.Equal(1, stopping.StoppedEpoch);
    }

    [Fact]
    public void EarlyStoppingOnAnUnloggedQuantityNamesWhatIsLogged()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled(metrics: ["auc"]);

        var error = Assert.Throws<InvalidOperationException>(() =>
            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, callbacks: [new EarlyStopping("val_ctr_auc")]));

        Assert.Contains("val_ctr_auc", error.Message);
        Assert.Contains("ctr_auc", error.Message.Replace("\"val_ctr_auc\"", ""));
    }

    [Fact]
    public void ModelCheckpointKeepingTheBestOfAnUnloggedQuantityNamesWhatIsLogged()
    {
        var checkpoint = new ModelCheckpoint("unused-{epoch}.safetensors", monitor: "val_auc", saveBestOnly: true);
        checkpoint.OnTrainBegin();

        var error = Assert.Throws<InvalidOperationException>(() =>
            checkpoint.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.6 }));

        Assert.Equal(
            "ModelCheckpoint monitors \"val_auc\", which is not logged; logged: loss, val_loss", error.Message);
        Assert.Empty(checkpoint.SavedPaths);
    }

    [Theory]
    [InlineData("", 0, 0, "auto")]
    [InlineData("val_loss", -1, 0, "auto")]
    [InlineData("val_loss", 0, -0.1, "auto")]
    [InlineData("val_loss", 0, 0, "sideways")]
    public void EarlyStoppingRejectsBadSettings(string monitor, int patience, double minDelta, string mode)
    {
        Assert.Throws<ArgumentException>(() => new EarlyStopping(monitor, minDelta, patience, mode));
    }
}
