using System.Diagnostics;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Bench.CommandLine;
using RecSharp.Bench.Measurement;
using RecSharp.Bench.Reporting;
using RecSharp.Bench.Workloads;
using RecSharp.Runtime;
using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Bench.Running;

/// <summary>
/// One benchmark run: the matmul peak, then training (timed from inside <c>Fit</c>), the test metrics, the
/// prediction throughput, the single-row latency, the matmul peak again (the best run of both counts) and the peak
/// working set, all in this process and at the same thread count.
/// </summary>
internal static class BenchRunner
{
    /// <summary>Runs the benchmark <paramref name="options"/> describe; progress goes to <paramref
    /// name="log"/>.</summary>
    public static BenchReport Run(BenchOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        TorchRuntime.EnsureLoaded();
        var workload = WorkloadFactory.Create(options, log);
        var training = workload.Training;
        if (training.Threads is { } threads) set_num_threads(threads);

        log.WriteLine($"measuring the matmul peak ({MatmulPeak.Shape}, {get_num_threads()} threads)");
        var peakBefore = MatmulPeak.Measure(options.MatmulWarmup, options.MatmulRuns, options.MatmulProductsPerRun);

        var data = workload.Data;
        using var model = ModelFactory.Create(workload.Model, FeatureColumnMapping.ToColumns(data.Features),
            data.Tasks);
        var flops = FlopCounter.Count(model);
        ModelFactory.Compile(model, training);

        int steps = (data.Train.RowCount + training.BatchSize - 1) / training.BatchSize;
        var clock = new TrainingClock(Math.Clamp(options.WarmupBatches, 0, Math.Max(0, steps - 1)));
        log.WriteLine($"training {workload.Model.Type.Name} on {data.Train.RowCount} rows: " +
                      $"{training.Epochs} epoch(s) of {steps} steps");
        long fitStart = Stopwatch.GetTimestamp();
        model.Fit(data.Train.ToInputDictionary(), data.Train.Labels, batchSize: training.BatchSize,
            epochs: training.Epochs, verbose: 0,
            callbacks: [clock], seed: training.Seed);
        double fitSeconds = Stopwatch.GetElapsedTime(fitStart).TotalSeconds;

        log.WriteLine($"evaluating on {data.Test.RowCount} test rows");
        var scores = model.Evaluate(data.Test.ToInputDictionary(), data.Test.Labels,
            batchSize: options.PredictBatchSize);
        var testMetrics = TaskScores.ByTask(model, scores);

        log.WriteLine($"timing prediction at batch {options.PredictBatchSize}");
        var throughput = PredictionTimer.Throughput(model, data.Test, options.PredictBatchSize, options.PredictSeconds);
        log.WriteLine($"timing {options.LatencyCalls} single-row predictions");
        var latency = PredictionTimer.SingleRowLatency(model, data.Test, options.LatencyCalls,
            options.LatencyWarmupCalls);
        log.WriteLine("measuring the matmul peak again");
        var peak = peakBefore.Merge(
            MatmulPeak.Measure(options.MatmulWarmup, options.MatmulRuns, options.MatmulProductsPerRun));

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new BenchReport(
            workload.Name,
            workload.Model.Type.Name,
            options.DryRun,
            new DataSummary(data.Source, data.Train.RowCount, data.Test.RowCount, model.Layout.DnnInputDim,
            model.Tasks.Select(t => t.Name).ToArray()),
            new RunSettings(training.Epochs, training.BatchSize, training.Optimizer, training.Seed, clock.WarmupBatches,
            options.PredictBatchSize, latency.Calls),
            MachineInfo.Collect(),
            new TrainingResult(clock.RowsPerSecond, clock.TimedRows, clock.TimedSeconds, fitSeconds,
                Mfu(flops.Training, clock.RowsPerSecond, peak), clock.CpuSeconds),
            new PredictionResult(options.PredictBatchSize, throughput.RowsPerSecond,
            Mfu(flops.Forward, throughput.RowsPerSecond, peak),
                latency.Calls, latency.P50Ms, latency.P99Ms, latency.MeanMs),
            new FlopsResult(flops.Forward, flops.Training, flops.Experts, flops.Gates, flops.Mixing, flops.Towers,
                peak.PeakFlops / 1e9, peak.MedianFlops / 1e9, MatmulPeak.Shape, peak.RunFlops.Count),
            process.PeakWorkingSet64 / (1024.0 * 1024.0),
            testMetrics);
    }

    /// <summary>Model FLOP utilisation: FLOPs per row × rows per second ÷ the measured peak.</summary>
    public static double Mfu(long flopsPerRow, double rowsPerSecond, MatmulPeakResult peak)
    {
        ArgumentNullException.ThrowIfNull(peak);
        return flopsPerRow * rowsPerSecond / peak.PeakFlops;
    }
}
