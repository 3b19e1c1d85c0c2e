using System.Diagnostics;
using System.Globalization;
using System.Text;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Bench.CommandLine;
using RecSharp.Bench.Measurement;
using RecSharp.Bench.Workloads;
using RecSharp.Inputs;
using RecSharp.Runtime;
using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Bench.Profiling;

/// <summary>
/// <c>step-profile</c>: the training step of a workload taken apart. The steps of one epoch run outside <c>Fit</c>, as
/// <c>Fit</c> runs them (batch selection by row index, gradients zeroed, forward, loss, backward, optimizer step), with
/// a clock read between the parts; on the CPU every operation has finished when its call returns, so each part's
/// time is its own. The prediction pass at the prediction batch is timed as forward only, without autograd. Then an
/// epoch runs through <c>Fit</c>, timed as the census benchmark times it (<see cref="TrainingClock"/>) and whole: its
/// time per step over the isolated step's is the loop's own cost (the record of the outputs, callbacks, the epoch's
/// metrics).
/// </summary>
internal static class StepProfile
{
    private static readonly string[] Parts = ["batch", "zero_grad", "forward", "loss", "backward", "optimizer"];

    /// <summary>
    /// Runs the profile for <paramref name="args"/>: <c>census</c> (the default) or <c>synthetic</c>, then the options
    /// of those workloads; prints a Markdown table.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        bool named = args.Length > 0 && args[0] is "census" or "synthetic";
        var options = BenchOptionsParser.Parse(named ? args[0] : "census", named ? args[1..] : args);
        TorchRuntime.EnsureLoaded();
        var workload = WorkloadFactory.Create(options, log);
        var training = workload.Training;
        if (training.Threads is { } threads) set_num_threads(threads);
        var data = workload.Data;
        using var model = ModelFactory.Create(workload.Model, FeatureColumnMapping.ToColumns(data.Features),
            data.Tasks);
        ModelFactory.Compile(model, training);
        var setup = model.Setup()!;
        int batch = training.BatchSize;
        using var inputs = InputConverter.ToTensors(model.Layout, data.Train.ToInputDictionary());
        using var labels = LabelTable.Create(model.Tasks, data.Train.Labels, null, inputs.Rows);
        long rows = inputs.Rows;
        int steps = (int)(rows / batch);
        if (steps < 2)
        {
            throw new UsageException(
                $"{rows} training rows make {steps} full batch(es) of {batch}; at least 2 are needed");
        }
        int warmup = Math.Clamp(options.WarmupBatches, 0, steps - 1);
        var ticks = new long[Parts.Length];
        var order = tensor(RowOrder.ForEpoch(rows, true, training.Seed, 0), ScalarType.Int64);
        model.train();
        long loopStart = 0;
        for (int step = 0; step < steps; step++)
        {
            if (step == warmup)
            {
                Array.Clear(ticks);
                loopStart = Stopwatch.GetTimestamp();
            }
            using var scope = NewDisposeScope();
            long t0 = Stopwatch.GetTimestamp();
            var index = order.narrow(0, (long)step * batch, batch);
            var x = inputs.Select(index);
            var y = labels.Values.index_select(0, index);
            long t1 = Stopwatch.GetTimestamp();
            setup.Optimizer.zero_grad();
            long t2 = Stopwatch.GetTimestamp();
            var predictions = model.forward(x);
            long t3 = Stopwatch.GetTimestamp();
            var loss = StepLoss.DataLoss(setup, predictions, y, null)
                .add(model.Regularization.Loss(model.ParametersByName(), model.Device));
            _ = loss.item<float>();
            long t4 = Stopwatch.GetTimestamp();
            loss.backward();
            long t5 = Stopwatch.GetTimestamp();
            setup.Optimizer.step();
            long t6 = Stopwatch.GetTimestamp();
            long[] marks = [t0, t1, t2, t3, t4, t5, t6];
            for (int p = 0; p < Parts.Length; p++) ticks[p] += marks[p + 1] - marks[p];
        }
        int timed = steps - warmup;
        double loopMs = Stopwatch.GetElapsedTime(loopStart).TotalMilliseconds / timed;
        double predictMs = PredictMs(model, inputs, options.PredictBatchSize);
        var clock = new TrainingClock(warmup);
        long fitStart = Stopwatch.GetTimestamp();
        model.Fit(data.Train.ToInputDictionary(), data.Train.Labels, batchSize: batch, verbose: 0, callbacks: [clock],
            seed: training.Seed);
        double fitMs = Stopwatch.GetElapsedTime(fitStart).TotalMilliseconds / Math.Ceiling((double)rows / batch);
        double fitStepMs = clock.TimedSeconds * 1000 / clock.TimedSteps;

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{workload.Model.Type.Name}, batch {batch}, {get_num_threads()} threads, {timed} timed steps, " +
            $"{model.parameters().Count()} parameter tensors, {model.parameters().Sum(p => p.numel())} values " +
            $"({EmbeddingValues(model)} in embeddings)");
        text.AppendLine("| part | ms per step | share |");
        text.AppendLine("| --- | --- | --- |");
        double total = ticks.Sum() * 1000.0 / Stopwatch.Frequency / timed;
        for (int p = 0; p < Parts.Length; p++)
        {
            double ms = ticks[p] * 1000.0 / Stopwatch.Frequency / timed;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Parts[p]} | {ms:F3} | {ms / total:P0} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"| step (sum) | {total:F3} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| step (loop, wall) | {loopMs:F3} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| step in Fit (steady state) | {fitStepMs:F3} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| step in Fit (whole Fit / steps) | {fitMs:F3} | |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| prediction forward, batch {options.PredictBatchSize} | {predictMs:F3} | |");
        output.Write(text.ToString());
        return 0;
    }

    private static long EmbeddingValues(Models.MultiTaskModel model) => model.named_parameters()
        .Where(p => p.name.StartsWith("embedding_dict.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());

    // The time of one forward at the prediction batch, after a pass to warm up; fewer rows than a batch make one.
    private static double PredictMs(Models.MultiTaskModel model, TensorInputs inputs, int batch)
    {
        using var noGrad = no_grad();
        model.eval();
        long size = Math.Min(batch, inputs.Rows);
        long chunks = inputs.Rows / size;
        void Pass()
        {
            for (long c = 0; c < chunks; c++)
            {
                using var scope = NewDisposeScope();
                _ = model.forward(inputs.Narrow(c * size, size));
            }
        }
        Pass();
        long start = Stopwatch.GetTimestamp();
        Pass();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / chunks;
    }
}
