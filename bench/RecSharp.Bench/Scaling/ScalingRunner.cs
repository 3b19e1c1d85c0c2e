using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Bench.CommandLine;
using RecSharp.Bench.Measurement;
using RecSharp.Bench.Running;
using RecSharp.Bench.Workloads;
using RecSharp.Distributed;
using RecSharp.Mpi;
using RecSharp.Runtime;
using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Bench.Scaling;

/// <summary>
/// Data-parallel training on the ranks of an MPI job (<c>mpirun -np N RecSharp.Bench scaling …</c>): each rank trains
/// on its share of the workload's training rows (row i on rank i mod N) with the given threads, as
/// <c>recsharp train --distributed mpi</c> does; rows per second of all ranks and the step time come from inside
/// <c>Fit</c> (warm-up excluded), the allreduce time from the gradient sums themselves, and the test metrics from
/// every rank's test rows. Then the direct and MPI.NET's managed allreduce are timed on a gradient-sized buffer.
/// </summary>
internal static class ScalingRunner
{
    /// <summary>Runs the benchmark on this rank; every rank returns the same report.</summary>
    public static ScalingReport Run(BenchOptions options, MpiProcessGroup group, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(group);
        TorchRuntime.EnsureLoaded();
        var workload = WorkloadFactory.Create(options, group.Rank == 0 ? log : TextWriter.Null);
        var training = workload.Training;
        int threads = training.Threads ?? 1;
        set_num_threads(threads);
        var data = workload.Data;
        var train = data.Train.Slice(DataShard.Rows(data.Train.RowCount, group.Rank, group.Size));
        var test = data.Test.Slice(DataShard.Rows(data.Test.RowCount, group.Rank, group.Size));
        var columns = FeatureColumnMapping.ToColumns(data.Features);
        using var model = ModelFactory.Create(workload.Model, columns, data.Tasks);
        ModelFactory.Compile(model, training);

        int batch = training.BatchSize;
        int steps = (DataShard.Rows(data.Train.RowCount, 0, group.Size).Length + batch - 1) / batch;
        var clock = new TrainingClock(Math.Clamp(options.WarmupBatches, 0, Math.Max(0, steps - 1)));
        var timed = new TimedProcessGroup(group);
        clock.TimingStarted += timed.Reset;                            // the allreduces of the timed steps only
        if (group.Rank == 0)
        {
            log.WriteLine($"training {workload.Model.Type.Name} on {data.Train.RowCount} rows over " +
                          $"{group.Size} rank(s) × {threads} thread(s): {training.Epochs} epoch(s) of {steps} " +
                          $"steps of {group.Size} × {batch} rows");
        }
        model.Fit(train.ToInputDictionary(), train.Labels, batchSize: batch, epochs: training.Epochs, verbose: 0,
            callbacks: [clock], seed: training.Seed, distributed: timed);
        var scores = model.Evaluate(test.ToInputDictionary(), test.Labels, batchSize: options.PredictBatchSize,
            distributed: group);

        int timedSteps = Math.Max(1, clock.TimedSteps);
        long gradientBytes = timed.FloatBytes / timedSteps;
        double allReduceMs = timed.FloatSeconds * 1000 / timedSteps;
        double stepMs = clock.TimedSteps > 0 ? clock.TimedSeconds * 1000 / clock.TimedSteps : double.NaN;
        if (group.Rank == 0) log.WriteLine($"timing the direct and the managed allreduce of {gradientBytes} bytes");
        int calls = options.DryRun ? 5 : 50;
        int elements = (int)(gradientBytes / sizeof(float));
        var (direct, fastest, managed) = AllReduceComparison.Measure(group, elements, calls);
        var testMetrics = TaskScores.ByTask(model, scores);
        double ringBytes = 2.0 * (group.Size - 1) / group.Size * gradientBytes;
        return new ScalingReport(workload.Name, workload.Model.Type.Name, options.DryRun, group.Size,
            threads, Environment.ProcessorCount, data.Train.RowCount, batch, (long)batch * group.Size,
            clock.RowsPerSecond, stepMs, allReduceMs, allReduceMs / stepMs, gradientBytes, ringBytes, direct, fastest,
            managed, testMetrics);
    }
}
