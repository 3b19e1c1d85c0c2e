using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using RecSharp.Training.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training;

/// <summary>Fit, Evaluate and Predict: metric names, validation, shuffling, epochs, batches, progress, divergence,
/// memory, determinism, label masks.</summary>
public class FitTests
{
    private static Ple Compiled(string optimizer = "adam", IReadOnlyList<string>? metrics = null,
    double? learningRate = null, double dropout = 0)
    {
        var model = new Ple(SyntheticInputs.Columns(), new PleOptions
        {
            ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [4], DnnDropout = dropout,
        });
        model.Compile(optimizer, metrics: metrics, learningRate: learningRate);
        return model;
    }

    // ---- metric names ------------------------------------------------------------------------------------------

    [Fact]
    public void EvaluateReturnsEachMetricPerTaskComputedOnThatTasksColumn()
    {
        var x = SyntheticInputs.Inputs(40);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled(metrics: ["auc", "logloss"], learningRate: 0.01);
        model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);

        var scores = model.Evaluate(x, y);
        var predictions = model.Predict(x);

        Assert.Equal(["ctcvr_auc", "ctcvr_logloss", "ctr_auc", "ctr_logloss"],
            scores.Keys.Order(StringComparer.Ordinal));
        for (int t = 0; t < 2; t++)
        {
            string task = model.Tasks[t].Name;
            var labels = SyntheticInputs.Column(y, t);
            var p = SyntheticInputs.Column(predictions, t);
            Assert.Equal(EvaluationMetrics.Auc(labels, p), scores[$"{task}_auc"], 12);
            Assert.Equal(EvaluationMetrics.LogLoss(labels, p), scores[$"{task}_logloss"], 12);
        }
        // The tasks have different labels, so a per-task computation gives different values.
        Assert.NotEqual(scores["ctr_auc"], scores["ctcvr_auc"]);
    }

    [Fact]
    public void FitLogsTheLossTheTrainingMetricsAndTheValidationMetrics()
    {
        var x = SyntheticInputs.Inputs(40);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled(metrics: ["auc"]);

        var history = model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, validationSplit: 0.25);

        Assert.Equal(["ctcvr_auc", "ctr_auc", "loss", "val_ctcvr_auc", "val_ctr_auc", "val_loss"],
            history.Values.Keys.Order(StringComparer.Ordinal));
        Assert.All(history.Values.Values, series => Assert.Equal(2, series.Count));
        Assert.All(history.Values.Values, series => Assert.All(series, v => Assert.True(double.IsFinite(v))));
        var missing = Assert.Throws<KeyNotFoundException>(() => history["val_ctr_logloss"]);
        Assert.Contains("val_ctr_auc", missing.Message);
    }

    [Fact]
    public void EvaluateBeforeCompileIsRejected()
    {
        var x = SyntheticInputs.Inputs(8);
        using var model = SyntheticInputs.TinyPle();

        var error = Assert.Throws<InvalidOperationException>(() => model.Evaluate(x, SyntheticInputs.BinaryLabels(x)));

        Assert.Contains("Compile", error.Message);
    }

    // ---- validation --------------------------------------------------------------------------------------------

    [Fact]
    public void ValidationSplitHoldsOutTheLastRowsBeforeShuffling()
    {
        var x = SyntheticInputs.Inputs(40);
        var y = SyntheticInputs.BinaryLabels(x);
        using var split = Compiled(metrics: ["auc"]);
        using var firstRowsOnly = Compiled(metrics: ["auc"]);

        var history = split.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0, validationSplit: 0.25);
        firstRowsOnly.Fit(SyntheticInputs.Rows(x, 0, 30), SyntheticInputs.Rows(y, 0, 30), batchSize: 8, epochs: 1,
            verbose: 0);

        // Training saw exactly rows 0..29, in the same shuffled order as a fit on those rows alone.
        SyntheticInputs.AssertSameState(SyntheticInputs.Snapshot(firstRowsOnly), SyntheticInputs.Snapshot(split));
        // The validation metrics are those of the final weights on rows 30..39.
        var heldX = SyntheticInputs.Rows(x, 30, 10);
        var heldY = SyntheticInputs.Rows(y, 30, 10);
        var p = split.Predict(heldX);
        for (int t = 0; t < 2; t++)
        {
            Assert.Equal(EvaluationMetrics.Auc(SyntheticInputs.Column(heldY, t), SyntheticInputs.Column(p, t)),
                history[$"val_{split.Tasks[t].Name}_auc"][0], 12);
        }
        Assert.Equal(BceSumPerRow(heldY, p), history["val_loss"][0], 1e-5);
    }

    [Fact]
    public void ValidationDataIsScoredAndTakesPrecedenceOverTheSplit()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        var vx = SyntheticInputs.Inputs(12, seed: 99);
        var vy = SyntheticInputs.BinaryLabels(vx);
        using var withData = Compiled(metrics: ["auc", "logloss"]);
        using var withoutValidation = Compiled(metrics: ["auc", "logloss"]);

        var history = withData.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0, validationSplit: 0.5,
            validationData: (vx, vy));
        withoutValidation.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0);

        // All 32 rows were trained on (the split was ignored).
        SyntheticInputs.AssertSameState(SyntheticInputs.Snapshot(withoutValidation),
            SyntheticInputs.Snapshot(withData));
        var p = withData.Predict(vx);
        for (int t = 0; t < 2; t++)
        {
            string task = withData.Tasks[t].Name;
            Assert.Equal(EvaluationMetrics.Auc(SyntheticInputs.Column(vy, t), SyntheticInputs.Column(p, t)),
                history[$"val_{task}_auc"][0], 12);
            Assert.Equal(EvaluationMetrics.LogLoss(SyntheticInputs.Column(vy, t), SyntheticInputs.Column(p, t)),
                history[$"val_{task}_logloss"][0], 12);
        }
        Assert.Equal(BceSumPerRow(vy, p), history["val_loss"][0], 1e-5);
    }

    // The data loss per row: the sum over tasks of the binary cross-entropy (log clamped at −100, as torch).
    private static double BceSumPerRow(double[,] y, double[,] p)
    {
        double sum = 0;
        for (int i = 0; i < y.GetLength(0); i++)
        {
            for (int t = 0; t < y.GetLength(1); t++)
            {
                sum -= y[i, t] * Math.Max(Math.Log(p[i, t]), -100)
                    + (1 - y[i, t]) * Math.Max(Math.Log(1 - p[i, t]), -100);
            }
        }
        return sum / y.GetLength(0);
    }

    // ---- shuffling ---------------------------------------------------------------------------------------------

    [Fact]
    public void SeededShufflingIsReproducibleAndDiffersFromNoShuffling()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var a = Compiled();
        using var b = Compiled();
        using var unshuffled = Compiled();
        using var otherSeed = Compiled();

        a.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, seed: 5);
        b.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, seed: 5);
        unshuffled.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, seed: 5, shuffle: false);
        otherSeed.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, seed: 6);

        var rawA = SyntheticInputs.RawSnapshot(a);
        var rawB = SyntheticInputs.RawSnapshot(b);
        Assert.All(rawA, kv => Assert.Equal(kv.Value, rawB[kv.Key]));
        Assert.True(SyntheticInputs.Differ(SyntheticInputs.Snapshot(a), SyntheticInputs.Snapshot(unshuffled)));
        Assert.True(SyntheticInputs.Differ(SyntheticInputs.Snapshot(a), SyntheticInputs.Snapshot(otherSeed)));
    }

    [Fact]
    public void FitVisitsRowsInTheOrderOfRowOrder()
    {
        const int rows = 24;
        var x = SyntheticInputs.Inputs(rows);
        var y = SyntheticInputs.BinaryLabels(x);
        var order = RowOrder.ForEpoch(rows, shuffle: true, seed: 11, epoch: 0);
        var reorderedX = Reorder(x, order);
        var reorderedY = new double[rows, 2];
        for (int i = 0; i < rows; i++)
            for (int t = 0; t < 2; t++) reorderedY[i, t] = y[order[i], t];
        using var shuffled = Compiled();
        using var presorted = Compiled();

        shuffled.Fit(x, y, batchSize: 5, epochs: 1, verbose: 0, seed: 11);
        presorted.Fit(reorderedX, reorderedY, batchSize: 5, epochs: 1, verbose: 0, shuffle: false);

        var expected = SyntheticInputs.RawSnapshot(presorted);
        Assert.All(SyntheticInputs.RawSnapshot(shuffled), kv => Assert.Equal(expected[kv.Key], kv.Value));
    }

    private static Dictionary<string, Array> Reorder(IReadOnlyDictionary<string, Array> x, long[] order)
    {
        var result = new Dictionary<string, Array>();
        foreach (var (name, array) in x)
        {
            var copy = (Array)array.Clone();
            for (int i = 0; i < order.Length; i++)
            {
                if (array.Rank == 1) copy.SetValue(array.GetValue(order[i]), i);
                else for (int k = 0; k < array.GetLength(1); k++) copy.SetValue(array.GetValue(order[i], k), i, k);
            }
            result[name] = copy;
        }
        return result;
    }

    [Fact]
    public void RowOrderIsAPermutationThatDiffersPerEpochAndIsReproducible()
    {
        const int rows = 50;
        var epoch0 = RowOrder.ForEpoch(rows, shuffle: true, seed: 3, epoch: 0);
        var epoch1 = RowOrder.ForEpoch(rows, shuffle: true, seed: 3, epoch: 1);

        Assert.Equal(Enumerable.Range(0, rows).Select(i => (long)i), epoch0.Order());
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (long)i), epoch1.Order());
        Assert.NotEqual(epoch0, epoch1);
        Assert.NotEqual(Enumerable.Range(0, rows).Select(i => (long)i), epoch0);
        Assert.Equal(epoch0, RowOrder.ForEpoch(rows, shuffle: true, seed: 3, epoch: 0));
        Assert.NotEqual(epoch0, RowOrder.ForEpoch(rows, shuffle: true, seed: 4, epoch: 0));
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (long)i),
            RowOrder.ForEpoch(rows, shuffle: false, seed: 3, epoch: 7));
        Assert.Empty(RowOrder.ForEpoch(0, shuffle: true, seed: 3, epoch: 0));
    }

    // ---- epochs and batches ------------------------------------------------------------------------------------

    [Fact]
    public void EpochsRunFromInitialEpochToEpochsMinusOne()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var events = new EventLog();

        var history = model.Fit(x, y, batchSize: 8, epochs: 5, initialEpoch: 2, verbose: 0, callbacks: [events]);

        Assert.Equal([2, 3, 4], history.Epochs);
        Assert.Equal(3, history["loss"].Count);
        Assert.Equal(["epoch-begin 2", "epoch-begin 3", "epoch-begin 4"],
            events.Events.Where(e => e.StartsWith("epoch-begin", StringComparison.Ordinal)));
    }

    [Fact]
    public void InitialEpochAtOrPastEpochsTrainsNothing()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var before = SyntheticInputs.Snapshot(model);

        var history = model.Fit(x, y, batchSize: 8, epochs: 3, initialEpoch: 3, verbose: 0);

        Assert.Empty(history.Epochs);
        SyntheticInputs.AssertSameState(before, SyntheticInputs.Snapshot(model));
    }

    [Fact]
    public void ALastBatchOfOneRowIsTrainedOn()
    {
        var x = SyntheticInputs.Inputs(9);
        var y = SyntheticInputs.BinaryLabels(x);
        using var nine = Compiled("sgd");
        using var eight = Compiled("sgd");
        var events = new EventLog();

        var history = nine.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false, verbose: 0, callbacks: [events]);
        eight.Fit(SyntheticInputs.Rows(x, 0, 8), SyntheticInputs.Rows(y, 0, 8), batchSize: 4, epochs: 1, shuffle: false,
            verbose: 0);

        Assert.Equal([4.0, 4.0, 1.0], events.BatchSizes);
        // The epoch loss is the mean over the 9 rows of the per-row batch losses.
        double weighted = events.BatchLosses.Zip(events.BatchSizes, (l, n) => l * n).Sum() / 9;
        Assert.Equal(weighted, history["loss"][0], 1e-9);
        Assert.True(double.IsFinite(history["loss"][0]));
        // The ninth row's step changed the weights beyond those of the first two steps.
        Assert.True(SyntheticInputs.Differ(SyntheticInputs.Snapshot(eight), SyntheticInputs.Snapshot(nine)));
    }

    // ---- progress output ---------------------------------------------------------------------------------------

    [Fact]
    public void VerboseZeroWritesNothing()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled(metrics: ["auc"]);
        var output = new StringWriter();

        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, output: output, validationSplit: 0.25);

        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void VerboseTwoWritesOneLinePerEpochWithItsLogs()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled(metrics: ["auc"]);
        var output = new StringWriter();

        model.Fit(x, y, batchSize: 4, epochs: 3, verbose: 2, output: output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))
            .ToArray();
        Assert.Equal(3, lines.Length);
        for (int e = 0; e < 3; e++)
        {
            Assert.StartsWith($"Epoch {e + 1}/3", lines[e]);
            Assert.Contains("loss", lines[e]);
            Assert.Contains("ctr_auc", lines[e]);
        }
        Assert.DoesNotContain("rows/s", output.ToString());
    }

    [Fact]
    public void VerboseOneDrawsAProgressBarWithRateAndEta()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled();
        var output = new StringWriter();

        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 1, output: output);

        string text = output.ToString();
        Assert.Contains("Epoch 1/2", text);
        Assert.Contains("Epoch 2/2", text);
        Assert.Contains("rows/s", text);
        Assert.Contains("ETA", text);
        Assert.Contains("16/16 rows", text);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void AnUnknownVerbosityIsRejected(int verbose)
    {
        var x = SyntheticInputs.Inputs(8);
        using var model = Compiled();

        var error = Assert.Throws<ArgumentException>(
            () => model.Fit(x, SyntheticInputs.BinaryLabels(x), verbose: verbose));

        Assert.Contains("verbose", error.Message);
    }

    // ---- divergence --------------------------------------------------------------------------------------------

    [Fact]
    public void ANaNLossStopsTrainingNamingEpochAndStepBeforeTheUpdate()
    {
        var x = SyntheticInputs.Inputs(24);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled("sgd");
        using var oneStep = Compiled("sgd");
        int calls = 0;
        var nanOnSecondStep = TaskLoss.Custom((p, label) =>
        {
            var bce = nn.functional.binary_cross_entropy(p, label, reduction: nn.Reduction.Sum);
            return ++calls == 2 ? bce * double.NaN : bce;
        });
        model.Compile("sgd", loss: [nanOnSecondStep, "binary_crossentropy"]);

        var error = Assert.Throws<TrainingDivergedException>(
            () => model.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0));
        oneStep.Fit(SyntheticInputs.Rows(x, 0, 8), SyntheticInputs.Rows(y, 0, 8), batchSize: 8, epochs: 1,
            shuffle: false, verbose: 0);

        Assert.Equal(0, error.Epoch);
        Assert.Equal(1, error.Step);
        Assert.True(double.IsNaN(error.Loss));
        Assert.Contains("epoch 1, step 2", error.Message);
        // The weights are those after the first step: the NaN step was not applied.
        var expected = SyntheticInputs.RawSnapshot(oneStep);
        Assert.All(SyntheticInputs.RawSnapshot(model), kv => Assert.Equal(expected[kv.Key], kv.Value));
    }

    [Fact]
    public void AHugeLearningRateDivergesWithTrainingDivergedException()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.RegressionLabels(x);
        using var model = SyntheticInputs.TinyPle(taskTypes: ["regression", "regression"], initStd: 0.5);
        model.Compile("sgd", learningRate: 1e30);

        var error = Assert.Throws<TrainingDivergedException>(
            () => model.Fit(x, y, batchSize: 8, epochs: 3, shuffle: false, verbose: 0));

        Assert.False(double.IsFinite(error.Loss));
        Assert.Contains($"epoch {error.Epoch + 1}, step {error.Step + 1}", error.Message);
    }

    [Fact]
    public void WithoutStopOnNonFiniteLossTrainingContinuesAndAppliesTheStep()
    {
        var x = SyntheticInputs.Inputs(24);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = SyntheticInputs.TinyPle();
        using var reference = SyntheticInputs.TinyPle();
        int calls = 0;
        // The second step's loss value is NaN but its gradient is that of the cross-entropy (the NaN is a constant).
        var nanValueOnSecondStep = TaskLoss.Custom((p, label) =>
        {
            var bce = nn.functional.binary_cross_entropy(p, label, reduction: nn.Reduction.Sum);
            return ++calls == 2 ? bce + tensor(float.NaN) : bce;
        });
        model.Compile("sgd", loss: [nanValueOnSecondStep, "binary_crossentropy"]);
        reference.Compile("sgd");

        var history = model.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0, stopOnNonFiniteLoss: false);
        var referenceHistory = reference.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, verbose: 0);

        Assert.Equal([0, 1], history.Epochs);
        Assert.Equal(6, calls);
        Assert.True(double.IsNaN(history["loss"][0]));
        Assert.Equal(referenceHistory["loss"][1], history["loss"][1]);
        // Every step, the NaN one included, was applied.
        var expected = SyntheticInputs.RawSnapshot(reference);
        Assert.All(SyntheticInputs.RawSnapshot(model), kv => Assert.Equal(expected[kv.Key], kv.Value));
    }

    // ---- memory and determinism --------------------------------------------------------------------------------

    [Fact]
    public void LiveTensorsDoNotGrowAcrossEpochs()
    {
        var x = SyntheticInputs.Inputs(40);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Compiled(metrics: ["auc"]);
        var counter = new LiveTensorCounter();

        model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0, validationSplit: 0.2, callbacks: [counter]);

        // After the warm-up epoch (which creates the optimizer's state), three more epochs leave no tensor behind.
        Assert.Equal(4, counter.AtEpochEnd.Count);
        Assert.All(counter.AtEpochEnd.Skip(1), count => Assert.Equal(counter.AtEpochEnd[0], count));
        Assert.All(counter.AtBatchEnd.Skip(counter.AtBatchEnd.Count / 4), count =>
            Assert.Equal(counter.AtBatchEnd[^1], count));
    }

    private sealed class LiveTensorCounter : Callback
    {
        public List<long> AtEpochEnd { get; } = [];

        public List<long> AtBatchEnd { get; } = [];

        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) =>
            AtEpochEnd.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) =>
            AtBatchEnd.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void TheSameSeedGivesBitIdenticalRuns()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var a = Compiled(dropout: 0.3);
        using var b = Compiled(dropout: 0.3);
        using var otherDropoutSeed = Compiled(dropout: 0.3);

        a.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0);
        b.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0);
        otherDropoutSeed.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0, seed: 1);

        var rawB = SyntheticInputs.RawSnapshot(b);
        Assert.All(SyntheticInputs.RawSnapshot(a), kv => Assert.Equal(rawB[kv.Key], kv.Value));
        var pa = a.Predict(x);
        var pb = b.Predict(x);
        Assert.Equal(pa.Cast<double>(), pb.Cast<double>());
        Assert.True(SyntheticInputs.Differ(SyntheticInputs.Snapshot(a), SyntheticInputs.Snapshot(otherDropoutSeed)));
    }

    // ---- label masks -------------------------------------------------------------------------------------------

    [Fact]
    public void AMaskedLabelContributesNoGradient()
    {
        const int rows = 16, maskedRow = 3;
        const double lr = 0.01;
        var x = SyntheticInputs.Inputs(rows);
        var y = SyntheticInputs.BinaryLabels(x);
        var mask = new bool[rows, 2];
        for (int i = 0; i < rows; i++) mask[i, 0] = mask[i, 1] = true;
        mask[maskedRow, 1] = false;
        // not a valid binary label: a masked label is not checked
        y[maskedRow, 1] = 0.5;
        using var model = Compiled("sgd");
        var p = model.Predict(x);
        var before = SyntheticInputs.Snapshot(model);

        model.Fit(x, y, batchSize: rows, epochs: 1, shuffle: false, verbose: 0, labelMask: mask);

        // For binary cross-entropy through a sigmoid, d/d(out.t.bias) = Σ (p − y) over the rows whose label applies.
        double grad0 = 0, grad1 = 0;
        for (int i = 0; i < rows; i++)
        {
            grad0 += p[i, 0] - y[i, 0];
            if (i != maskedRow) grad1 += p[i, 1] - y[i, 1];
        }
        var after = SyntheticInputs.Snapshot(model);
        Assert.Equal(before["out.0.bias"][0] - lr * grad0, after["out.0.bias"][0], 1e-6);
        Assert.Equal(before["out.1.bias"][0] - lr * grad1, after["out.1.bias"][0], 1e-6);
    }

    [Fact]
    public void MetricsSkipMaskedRows()
    {
        const int rows = 30;
        var x = SyntheticInputs.Inputs(rows);
        var y = SyntheticInputs.BinaryLabels(x);
        var mask = new bool[rows, 2];
        var columnMask = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            mask[i, 0] = true;
            mask[i, 1] = columnMask[i] = i % 3 != 0;
        }
        using var model = Compiled(metrics: ["auc", "logloss"], learningRate: 0.01);
        model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, labelMask: mask);
        var p = model.Predict(x);
        var flipped = (double[,])y.Clone();
        for (int i = 0; i < rows; i += 3) flipped[i, 1] = 1 - flipped[i, 1];

        var scores = model.Evaluate(x, y, labelMask: mask);
        var scoresWithFlippedMaskedLabels = model.Evaluate(x, flipped, labelMask: mask);

        var labels1 = SyntheticInputs.Column(y, 1);
        var p1 = SyntheticInputs.Column(p, 1);
        var kept = Enumerable.Range(0, rows).Where(i => columnMask[i]).ToArray();
        Assert.Equal(EvaluationMetrics.Auc(kept.Select(i => labels1[i]).ToArray(), kept.Select(i => p1[i]).ToArray()),
            scores["ctcvr_auc"], 12);
        Assert.Equal(EvaluationMetrics.LogLoss(kept.Select(i => labels1[i]).ToArray(),
            kept.Select(i => p1[i]).ToArray()), scores["ctcvr_logloss"], 12);
        Assert.Equal(EvaluationMetrics.Auc(SyntheticInputs.Column(y, 0), SyntheticInputs.Column(p, 0)),
            scores["ctr_auc"], 12);
        Assert.Equal(scores["ctcvr_auc"], scoresWithFlippedMaskedLabels["ctcvr_auc"]);
        Assert.Equal(scores["ctcvr_logloss"], scoresWithFlippedMaskedLabels["ctcvr_logloss"]);
        Assert.NotEqual(scores["ctcvr_auc"], model.Evaluate(x, flipped)["ctcvr_auc"]);
    }

    /// <summary>Records every hook with its argument.</summary>
    internal sealed class EventLog : Callback
    {
        public List<string> Events { get; } = [];

        public List<double> BatchSizes { get; } = [];

        public List<double> BatchLosses { get; } = [];

        public List<IReadOnlyDictionary<string, double>> EpochLogs { get; } = [];

        public override void OnTrainBegin() => Events.Add("train-begin");

        public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => Events.Add("train-end");

        public override void OnEpochBegin(int epoch) => Events.Add($"epoch-begin {epoch}");

        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            Events.Add($"epoch-end {epoch}");
            EpochLogs.Add(new Dictionary<string, double>(logs));
        }

        public override void OnBatchBegin(int batch) => Events.Add($"batch-begin {batch}");

        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            Events.Add($"batch-end {batch}");
            BatchSizes.Add(logs["size"]);
            BatchLosses.Add(logs["loss"]);
        }
    }
}
