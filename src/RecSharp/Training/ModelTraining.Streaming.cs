using RecSharp.Models;
using RecSharp.Training.Checkpoints;
using RecSharp.Training.Callbacks;
using RecSharp.Training.Streaming;

namespace RecSharp.Training;

/// <summary>
/// Training on rows streamed from files (or any <see cref="ITrainingStream"/>) instead of held in memory.
/// </summary>
public static partial class ModelTraining
{
    /// <summary>
    /// Trains the model on <paramref name="train"/>, read anew every epoch without holding the data set: the parts
    /// in a seeded shuffled order, their rows through a shuffle buffer, converted to tensors on a background thread
    /// (see <c>shuffleBuffer</c>). Steps, losses, callbacks, checkpoints and progress are those of the
    /// in-memory <c>Fit</c>; when the buffer holds the whole epoch and there is one part, the rows come in the same
    /// order as there, so both fits give the same model. The epoch's training metrics cover its first million rows;
    /// the loss covers every row.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="train">The training rows.</param>
    /// <param name="batchSize">Rows per step (the last batch of an epoch may be smaller).</param>
    /// <param name="epochs">Index of the epoch to stop before.</param>
    /// <param name="verbose">0 silent, 1 a live progress bar, 2 one line per epoch.</param>
    /// <param name="initialEpoch">The first epoch's index.</param>
    /// <param name="validationData">Validation inputs and labels, scored after each epoch.</param>
    /// <param name="shuffle">Shuffle the parts and rows each epoch (seeded); false reads them as stored.</param>
    /// <param name="shuffleBuffer">
    /// Rows held by the shuffle buffer: rows fill it, then each new row takes the place of a row drawn at random from
    /// it, which is trained on; at the end it empties in a seeded random order. A buffer that holds the whole epoch
    /// gives the order of an in-memory fit with the same seed.
    /// </param>
    /// <param name="callbacks">Callbacks; a <see cref="History"/> is always recorded and returned.</param>
    /// <param name="stopOnNonFiniteLoss">Stop when the loss, the outputs or the weights become NaN or infinite.</param>
    /// <param name="seed">Seed of shuffling and dropout; defaults to the model's seed.</param>
    /// <param name="output">Where progress goes (default: standard output).</param>
    /// <param name="resumeFrom">
    /// A checkpoint of a streaming fit over the same data and settings to continue from, exactly: the epoch is read
    /// again from its start in the recorded order of parts, without training on the rows already done.
    /// </param>
    public static History Fit(this MultiTaskModel model, ITrainingStream train, int batchSize = 256, int epochs = 1,
        int verbose = 1, int initialEpoch = 0,
        (IReadOnlyDictionary<string, Array> X, double[,] Y)? validationData = null,
        bool shuffle = true, int shuffleBuffer = StreamingOptions.DefaultShuffleBuffer,
        IReadOnlyList<Callback>? callbacks = null, bool stopOnNonFiniteLoss = true, int? seed = null,
        TextWriter? output = null, string? resumeFrom = null) =>
        model.Fit(train, new StreamingOptions { ShuffleBuffer = shuffleBuffer }, batchSize, epochs, verbose,
            initialEpoch, validationData, shuffle, callbacks, stopOnNonFiniteLoss, seed, output, resumeFrom);

    /// <summary>
    /// The streaming <c>Fit</c> with every setting of <paramref name="streaming"/>: buffer, prefetch, chunk and
    /// metric rows.
    /// </summary>
    internal static History Fit(this MultiTaskModel model, ITrainingStream train, StreamingOptions streaming,
        int batchSize = 256, int epochs = 1, int verbose = 1, int initialEpoch = 0,
        (IReadOnlyDictionary<string, Array> X, double[,] Y)? validationData = null, bool shuffle = true,
        IReadOnlyList<Callback>? callbacks = null, bool stopOnNonFiniteLoss = true, int? seed = null,
        TextWriter? output = null, string? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var setup = model.CheckFit(batchSize, epochs, initialEpoch, verbose);
        var options = streaming;
        if (options.ShuffleBuffer < 1 || options.PrefetchChunks < 1 || options.ChunkRows < 1 || options.MetricRows < 0)
        {
            throw new ArgumentException("the shuffle buffer, prefetched chunks and chunk rows must be positive and " +
                                        $"the metric rows non-negative, got {options}", nameof(streaming));
        }
        return MultiTaskModel.ExplainTorchFailures("Fit", () =>
        {
            model.Layout.RequireBatchFits(Math.Clamp(train.Rows, 1, batchSize));
            using var validation = validationData is { } data
                ? EvaluationSet.Create(model, data.X, data.Y, null, "validation labels")
                : null;
            using var source = new StreamingBatches(model, train, options, batchSize, shuffle);
            var run = new TrainingRun(model, setup, source, validation, batchSize, shuffle, stopOnNonFiniteLoss,
                seed ?? model.Options.Seed, verbose, output ?? Console.Out);
            return model.Execute(run, setup, initialEpoch, epochs, callbacks, resumeFrom);
        });
    }

    /// <summary>
    /// The compiled metrics of every task over labelled rows read chunk by chunk (e.g. test files), named
    /// <c>&lt;task&gt;_&lt;metric&gt;</c>: each chunk is predicted and let go, and only its labels and predictions are
    /// kept until the metrics are computed over all of them.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="chunks">The rows, in chunks.</param>
    /// <param name="batchSize">Rows per predicted batch.</param>
    public static Dictionary<string, double> Evaluate(this MultiTaskModel model, IEnumerable<TrainingChunk> chunks,
        int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var setup = model.CompiledSetup("Evaluate");
        var labels = new List<double[,]>();
        var predictions = new List<double[,]>();
        var masks = new List<bool[,]?>();
        var groupKeys = new List<long[]>();
        var ordinals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in chunks.Where(c => c.Rows > 0))
        {
            MultiTaskModel.ExplainTorchFailures("Evaluate",
                () => LabelTable.Create(model.Tasks, chunk.Y, chunk.Mask, chunk.Rows)).Dispose();
            predictions.Add(model.Predict(chunk.X, batchSize));
            labels.Add(chunk.Y);
            masks.Add(chunk.Mask);
            if (GroupKeys.Of(chunk.X, setup.GroupBy, ordinals) is { } keys) groupKeys.Add(keys);
        }
        bool[,]? mask = masks.Any(m => m is not null)
            ? ConcatRows(masks.Select((m, i) => m ?? Filled(labels[i])), model.Tasks.Count) : null;
        long[]? groups = setup.GroupBy is null ? null : groupKeys.SelectMany(k => k).ToArray();
        return MetricLogs.Compute(model.Tasks, setup.TaskMetrics, ConcatRows(labels, model.Tasks.Count),
            ConcatRows(predictions, model.Tasks.Count), mask, groups,
            "");
    }

    // A mask under which every label applies, for a chunk without one among chunks with one.
    private static bool[,] Filled(double[,] like)
    {
        var all = new bool[like.GetLength(0), like.GetLength(1)];
        for (int i = 0; i < all.GetLength(0); i++)
            for (int j = 0; j < all.GetLength(1); j++) all[i, j] = true;
        return all;
    }

    private static T[,] ConcatRows<T>(IEnumerable<T[,]> parts, int tasks) where T : struct
    {
        var list = parts.ToList();
        var result = new T[list.Sum(p => p.GetLength(0)), tasks];
        int offset = 0;
        foreach (var part in list)
        {
            Array.Copy(part, 0, result, offset, part.Length);
            offset += part.Length;
        }
        return result;
    }

    // The checks every Fit makes before touching data; returns the compiled setup.
    private static TrainingSetup CheckFit(this MultiTaskModel model, int batchSize, int epochs, int initialEpoch,
        int verbose)
    {
        var setup = model.CompiledSetup("Fit");
        if (batchSize < 1)
            throw new ArgumentException($"batchSize must be at least 1, got {batchSize}", nameof(batchSize));
        if (epochs < 0 || initialEpoch < 0)
        {
            throw new ArgumentException($"epochs ({epochs}) and initialEpoch ({initialEpoch}) must be non-negative",
                nameof(epochs));
        }
        if (verbose is < 0 or > 2)
            throw new ArgumentException($"verbose must be 0, 1 or 2, got {verbose}", nameof(verbose));
        return setup;
    }

    // Runs a prepared fit alone on the model, from a checkpoint when one is given.
    private static History Execute(this MultiTaskModel model, TrainingRun run, TrainingSetup setup, int initialEpoch,
        int epochs, IReadOnlyList<Callback>? callbacks, string? resumeFrom)
    {
        var resume = resumeFrom is null
            ? ((TrainingPosition, Action)?)null
            : TrainingCheckpoint.Prepare(resumeFrom, model, setup);
        return model.Access.Exclusive(() => run.Execute(initialEpoch, epochs, callbacks ?? [], resume));
    }
}
