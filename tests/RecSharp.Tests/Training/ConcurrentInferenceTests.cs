using System.Collections.Concurrent;
using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Training;

/// <summary>Predict, Evaluate and GateWeights called from many threads at once on one model.</summary>
public class ConcurrentInferenceTests
{
    private const int Threads = 8;
    private const int CallsPerThread = 30;

    [Fact]
    public void ConcurrentInferencesGiveTheSingleThreadedResultsAndLeaveTheModelUnchanged()
    {
        using var model = new Ple(SyntheticInputs.Columns(), new PleOptions
        {
            ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [4],
            DnnDropout = 0.5, DnnUseBn = true, InitStd = 0.3,
        });
        var x = SyntheticInputs.Inputs(64);
        var y = SyntheticInputs.BinaryLabels(x);
        model.Compile("adam", metrics: ["auc", "logloss"], learningRate: 0.01);
        model.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0); // moves BatchNorm statistics; leaves training mode on
        Assert.True(model.training);
        var state = SyntheticInputs.Snapshot(model);
        var predictions = model.Predict(x, batchSize: 16);
        var metrics = model.Evaluate(x, y);
        var gates = model.GateWeights(x).Select(g => g.MeanWeights).ToArray();

        var failures = new ConcurrentQueue<string>();
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int call = 0; call < CallsPerThread; call++)
            {
                try
                {
                    if (!Same(predictions, model.Predict(x, batchSize: 16)))
                        failures.Enqueue($"thread {t}, call {call}: Predict differs");
                    if (!metrics.OrderBy(kv => kv.Key).SequenceEqual(model.Evaluate(x, y).OrderBy(kv => kv.Key)))
                        failures.Enqueue($"thread {t}, call {call}: Evaluate differs");
                    if (!gates.Zip(model.GateWeights(x), (a, b) => a.SequenceEqual(b.MeanWeights)).All(same => same))
                        failures.Enqueue($"thread {t}, call {call}: GateWeights differ");
                }
                catch (Exception e)
                {
                    failures.Enqueue($"thread {t}, call {call}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        Assert.Empty(failures);
        Assert.True(model.training);
        SyntheticInputs.AssertSameState(state, SyntheticInputs.Snapshot(model));
    }

    [Fact]
    public void APredictionWaitsForARunningFitAndSeesItsFinalWeights()
    {
        using var model = SyntheticInputs.TinyPle();
        using var sequential = SyntheticInputs.TinyPle();
        var x = SyntheticInputs.Inputs(48);
        var y = SyntheticInputs.BinaryLabels(x);
        model.Compile("adam", learningRate: 0.01);
        sequential.Compile("adam", learningRate: 0.01);
        sequential.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
        var expected = sequential.Predict(x);
        using var fitting = new ManualResetEventSlim();
        double[,]? during = null;
        var predictor = new Thread(() =>
        {
            fitting.Wait();
            during = model.Predict(x);
        });
        predictor.Start();

        model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0, callbacks: [new SignalOnFirstBatch(fitting)]);
        predictor.Join();

        Assert.True(Same(expected, during!));
    }

    private static bool Same(double[,] a, double[,] b) =>
        a.GetLength(0) == b.GetLength(0) && a.GetLength(1) == b.GetLength(1)
        && a.Cast<double>().SequenceEqual(b.Cast<double>());

    // Lets the predicting thread go once training has started, then gives it time to reach Predict.
    private sealed class SignalOnFirstBatch(ManualResetEventSlim signal) : RecSharp.Training.Callbacks.Callback
    {
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            if (signal.IsSet) return;
            signal.Set();
            Thread.Sleep(50);
        }
    }
}
