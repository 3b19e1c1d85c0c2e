using System.Diagnostics;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Application.Distributed;
using RecSharp.Application.Plots;
using RecSharp.Application.Preparation;
using RecSharp.Application.Runs;
using RecSharp.Data.Configuration;
using RecSharp.Persistence;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using RecSharp.Training.Streaming;
using TorchSharp;

namespace RecSharp.Application.Experiments;

/// <summary>Trains the configured model on prepared data, evaluates it on the test rows and writes the run
/// folder.</summary>
internal static class ExperimentRunner
{
    /// <summary>
    /// Runs the experiment; returns the test metrics. Writes <c>model.safetensors</c>, <c>report.json</c> and
    /// <c>curves.png</c> into <paramref name="folder"/>; with <paramref name="showProgress"/>, shows each epoch's
    /// progress on <paramref name="output"/> (a live bar on a terminal, a line per epoch otherwise).
    /// </summary>
    /// <remarks>
    /// With a <paramref name="checkpoints"/> plan, resumable checkpoints are written beside the run folder during
    /// training (the caller moves the last one in after committing the folder); with its
    /// <see cref="CheckpointPlan.ResumeFrom"/>, training continues from that checkpoint. With <paramref name="stop"/>,
    /// SIGINT or SIGTERM ends the run at the next batch end, after a checkpoint, or before evaluating or writing.
    /// A <c>threads</c> setting above the number of logical processors is lowered to it, with a note.
    /// In a data-parallel <paramref name="job"/>, each rank trains and evaluates on its share of the rows, the metrics
    /// cover every rank's, and only rank 0 writes: other ranks pass no <paramref name="folder"/>.
    /// </remarks>
    public static Dictionary<string, double> Run(PreparedData data, ModelConfig modelConfig, TrainingConfig training,
        RunFolder? folder, CliOutput output, bool showProgress = true, CheckpointPlan? checkpoints = null,
        StopSignal? stop = null, DistributedJob? job = null)
    {
        if (job is not null && training.Threads is null) training = training with { Threads = job.ThreadsPerRank() };
        training = WithBoundedThreads(training, output.Writer);
        if (training.Threads is { } threads) torch.set_num_threads(threads);
        var clock = Stopwatch.StartNew();
        var columns = FeatureColumnMapping.ToColumns(data.Features);
        using var model = ModelFactory.Create(modelConfig, columns, data.Tasks);
        ModelFactory.Compile(model, training);
        var callbacks = new List<Callback>();
        if (training.EarlyStopping is { } early)
        {
            callbacks.Add(
                new EarlyStopping(early.Monitor, early.MinDelta, early.Patience, early.Mode, restoreBestWeights: true));
        }
        if (checkpoints is not null) callbacks.AddRange(checkpoints.Callbacks(stop));
        var runningLoss = new RunningLossRecorder();
        callbacks.Add(runningLoss);
        var progress = showProgress ? ProgressDisplay.For(output, training.Epochs) : null;
        if (progress is not null) callbacks.Add(progress);

        string testRows = data.TestRows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "streamed";
        output.Writer.WriteLine($"Training {modelConfig.Type.Name} on {data.TrainRows} rows of {data.Source}" +
                                $"{(data.Streamed is null ? "" : " (streamed)")}, with " +
                                $"{data.Validation.RowCount} validation rows and {testRows} test rows held out.");
        BadRowsNote.Write(output.Writer, data.BadRows, data.Source);
        LabelsReadAsZeroNote.Write(output.Writer, data.LabelsReadAsZero);
        var (train, validationRows, test) = job is null ? (data.Train, data.Validation, data.Test) : job.Share(data);
        if (job is not null) output.Writer.WriteLine(job.Summary(training.BatchSize));
        WriteUnseenNote(data, output.Writer);
        var validation = (job?.ValidationRows ?? data.Validation.RowCount) > 0
            ? (validationRows.ToInputDictionary(), validationRows.Labels)
            : ((IReadOnlyDictionary<string, Array>, double[,])?)null;
        History Fit() => data.Streamed is { } streamed
            ? model.Fit(streamed.Train, batchSize: training.BatchSize, epochs: training.Epochs, verbose: 0,
                validationData: validation, streaming: new StreamingOptions { ShuffleBuffer = training.ShuffleBuffer },
                callbacks: callbacks, seed: training.Seed, resumeFrom: checkpoints?.ResumeFrom)
            : model.Fit(train.ToInputDictionary(), train.Labels, batchSize: training.BatchSize,
            epochs: training.Epochs,
            verbose: 0, validationData: validation, callbacks: callbacks, seed: training.Seed,
            resumeFrom: checkpoints?.ResumeFrom, distributed: job?.Group);
        var history = progress is null ? Fit() : progress.Run(Fit);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        stop?.ThrowIfReceived();
        var testMetrics = data.Streamed is { TestRows: not 0 } streamedTest
            ? model.Evaluate(streamedTest.Test(), batchSize: 1024)
            : (job?.TestRows ?? data.Test.RowCount) > 0
            ? model.Evaluate(test.ToInputDictionary(), test.Labels, batchSize: 1024, distributed: job?.Group) : [];
        var tasks = model.Tasks.Select(t => t.Name).ToArray();
        var metrics = model.Setup()!.MetricNames;
        MetricsTable.Write(output, tasks, metrics, testMetrics);
        stop?.ThrowIfReceived();
        if (folder is null) return testMetrics;

        model.Save(folder.File("model.safetensors"), data.PreprocessingJson);
        WriteCurves(TrainingCurves.Panels(history, tasks, metrics, runningLoss.Points), folder, output.Writer);
        var report = RunReport.Build(data, modelConfig, model, training, history, testMetrics, trainSeconds,
            clock.Elapsed.TotalSeconds);
        if (job is not null) report["distributed"] = job.Describe(training.BatchSize);
        AtomicFile.WriteAllBytes(folder.File("report.json"), RunReport.ToUtf8(report));
        return testMetrics;
    }

    private static void WriteCurves(IReadOnlyList<CurvePanel> panels, RunFolder folder, TextWriter output)
    {
        try
        {
            AtomicFile.WriteAllBytes(folder.File("curves.png"), TrainingCurves.RenderPng(panels));
        }
        catch (Exception e)
            when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            // A platform without SkiaSharp's native library loses the picture, not the trained model.
            output.WriteLine("note: curves.png was not drawn, since the drawing library could not load: " +
                $"{e.GetBaseException().Message}");
            return;
        }
        if (!TrainingCurves.CanDrawText)
        {
            output.WriteLine("note: no fonts were found (on Linux Skia looks in /usr/share/fonts), so curves.png has " +
                "lines but no text; " +
                             "installing one (Debian: fonts-dejavu-core) fixes this.");
        }
    }

    // More libtorch threads than logical processors only wait for each other (100,000 of them never start training).
    private static TrainingConfig WithBoundedThreads(TrainingConfig training, TextWriter output)
    {
        int processors = Environment.ProcessorCount;
        if (training.Threads is not { } threads || threads <= processors) return training;
        output.WriteLine($"note: training.threads is {threads}, but this machine has {processors} logical " +
            $"processors; using {processors}.");
        return training with { Threads = processors };
    }

    private static void WriteUnseenNote(PreparedData data, TextWriter output)
    {
        long validation = data.UnseenInValidation.Values.Sum();
        long test = data.UnseenInTest.Values.Sum();
        if (validation + test > 0)
        {
            output.WriteLine($"{validation} validation and {test} test values of categorical features are not in the " +
                "training vocabulary " +
                             "(mapped to the out-of-vocabulary id; per feature in report.json).");
        }
    }
}
