using System.Runtime.CompilerServices;
using RecSharp.Distributed;
using RecSharp.Features;
using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Training.Callbacks;
using RecSharp.Training.Metrics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// The training API of every multi-task model, the reference's loop: compile, fit and evaluate, as extension methods
/// of <see cref="MultiTaskModel"/>.
/// </summary>
public static partial class ModelTraining
{
    // What each model's last Compile fixed; the model itself knows nothing of training.
    private static readonly ConditionalWeakTable<MultiTaskModel, TrainingSetup> Setups = new();

    /// <summary>What the last <c>Compile</c> of <paramref name="model"/> fixed, or null before it.</summary>
    internal static TrainingSetup? Setup(this MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Setups.TryGetValue(model, out var setup) ? setup : null;
    }

    /// <summary>What the last <c>Compile</c> fixed; refuses, naming <paramref name="call"/>, before any.</summary>
    private static TrainingSetup CompiledSetup(this MultiTaskModel model, string call) =>
        model.Setup()
        ?? throw new InvalidOperationException($"the model is not compiled: call Compile(...) before {call}");

    /// <summary>
    /// Chooses the optimizer by name (<c>sgd</c>, <c>adam</c>, <c>adamw</c>, <c>adagrad</c>, <c>rmsprop</c>, with
    /// torch's default learning rates), one loss per task (default: <c>binary_crossentropy</c> for binary tasks,
    /// <c>mse</c> for regression), the metrics computed per task, optional per-task loss weights, and optional
    /// uncertainty weighting of the tasks (Kendall et al., CVPR 2018).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="optimizer">The optimizer's name.</param>
    /// <param name="loss">One loss per task, or null for the defaults.</param>
    /// <param name="metrics">
    /// Metrics by name, each computed on the tasks of the type it suits: <c>auc</c>, <c>gauc</c>, <c>logloss</c> and
    /// <c>accuracy</c> on binary tasks, <c>mse</c>, <c>mae</c> and <c>rmse</c> on regression tasks (a metric that suits
    /// no task is refused). Logged as <c>&lt;task&gt;_&lt;metric&gt;</c>, with <c>val_</c> before validation values.
    /// </param>
    /// <param name="lossWeights">One non-negative weight per task, or null for all 1.</param>
    /// <param name="uncertaintyWeighting">Learn a weight per task from its uncertainty.</param>
    /// <param name="learningRate">The learning rate, or null for the optimizer's default.</param>
    /// <param name="taskMetrics">
    /// The metrics of some tasks by task name, in place of <paramref name="metrics"/> for them: e.g. <c>auc</c> and
    /// <c>mse</c> (the Brier score) for a click task. A regression task cannot have classification metrics.
    /// </param>
    /// <param name="groupBy">
    /// The sparse feature whose values group the rows for <c>gauc</c> (the AUC of each group, such as each user,
    /// averaged with weights equal to the groups' row counts); required with <c>gauc</c>.
    /// </param>
    public static void Compile(this MultiTaskModel model, string optimizer = "adam",
        IReadOnlyList<TaskLoss>? loss = null, IReadOnlyList<string>? metrics = null,
        IReadOnlyList<double>? lossWeights = null, bool uncertaintyWeighting = false, double? learningRate = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? taskMetrics = null, string? groupBy = null)
    {
        var resolvedLosses = ResolveLosses(model, loss);
        var weights = ResolveLossWeights(model, lossWeights);
        var resolvedMetrics = ResolveMetrics(metrics);
        var perTask = MetricSelection.Resolve(model.Tasks, resolvedMetrics, taskMetrics, groupBy, model.Layout);
        Parameter? logVariances = uncertaintyWeighting
            ? new Parameter(zeros(model.Tasks.Count, device: model.Device))
            : null;
        var parameters = logVariances is null ? model.parameters() : model.parameters().Append(logVariances);
        var created = OptimizerFactory.Create(optimizer, parameters, learningRate);
        Setups.AddOrUpdate(model, new TrainingSetup(created, resolvedLosses, weights,
            resolvedMetrics, perTask, groupBy, logVariances));
    }

    /// <summary>As the other overload, with an optimizer the caller built over the model's parameters.</summary>
    public static void Compile(this MultiTaskModel model, optim.Optimizer optimizer,
        IReadOnlyList<TaskLoss>? loss = null, IReadOnlyList<string>? metrics = null,
        IReadOnlyList<double>? lossWeights = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? taskMetrics = null, string? groupBy = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var resolvedMetrics = ResolveMetrics(metrics);
        var weights = ResolveLossWeights(model, lossWeights);
        Setups.AddOrUpdate(model, new TrainingSetup(optimizer, ResolveLosses(model, loss), weights, resolvedMetrics,
            MetricSelection.Resolve(model.Tasks, resolvedMetrics, taskMetrics, groupBy, model.Layout), groupBy, null));
    }

    /// <summary>
    /// Trains the model. <paramref name="x"/> maps each input name to its array (see <see cref="InputConverter"/>);
    /// <paramref name="y"/> holds one column per task. The loss of a batch is the sum over rows and tasks (each task
    /// weighted) plus the registered L1/L2 terms, as in the reference.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="x">Inputs by name.</param>
    /// <param name="y">Labels, rows × tasks.</param>
    /// <param name="batchSize">Rows per step (the last batch may be smaller, down to one row).</param>
    /// <param name="epochs">
    /// Index of the epoch to stop before (as the reference: epochs run from <paramref name="initialEpoch"/>).
    /// </param>
    /// <param name="verbose">0 silent, 1 a live progress bar, 2 one line per epoch.</param>
    /// <param name="initialEpoch">The first epoch's index (to continue an earlier fit).</param>
    /// <param name="validationSplit">
    /// Fraction of rows, taken from the end before shuffling, held out for validation.
    /// </param>
    /// <param name="validationData">Explicit validation inputs and labels (take precedence over the split).</param>
    /// <param name="shuffle">Shuffle the training rows each epoch (seeded, reproducible).</param>
    /// <param name="callbacks">Callbacks; a <see cref="History"/> is always recorded and returned.</param>
    /// <param name="labelMask">
    /// Optional rows × tasks mask: false where a task's label does not apply (no loss, no gradient, no metric).
    /// </param>
    /// <param name="stopOnNonFiniteLoss">
    /// Stop with <see cref="TrainingDivergedException"/> when the loss or the outputs of a step (before it is applied),
    /// or the weights at the end of an epoch, become NaN or infinite.
    /// </param>
    /// <param name="seed">Seed of shuffling and dropout; defaults to the model's seed.</param>
    /// <param name="output">Where progress goes (default: standard output).</param>
    /// <param name="resumeFrom">
    /// A checkpoint written with the training state (see <see cref="ModelCheckpoint"/>) to continue from: its weights,
    /// optimizer state, epoch and batch, generator state and row order replace the model's, and training goes on to
    /// <paramref name="epochs"/> exactly as the interrupted fit would have (on the CPU). The data, validation split,
    /// batch size, shuffling, seed and optimizer must be those of the interrupted fit; <paramref name="initialEpoch"/>
    /// is ignored.
    /// </param>
    /// <param name="distributed">
    /// Data-parallel training over the processes of a group (e.g. MPI ranks, see <see cref="IProcessGroup"/>): every
    /// rank calls <c>Fit</c> with the same model, settings and callbacks and with its own rows (for an in-memory table,
    /// <see cref="DataShard.Rows"/>). Rank 0's initial weights go to every rank; each step sums the ranks' gradients
    /// (one allreduce), so the global batch is the ranks' batches together (ranks × <paramref name="batchSize"/>); the
    /// loss and the training and validation metrics are over every rank's rows; progress shows on rank 0 and only rank
    /// 0's <see cref="ModelCheckpoint"/>s write. A failure on one rank leaves the others waiting: end the job
    /// (MPI_Abort).
    /// </param>
    public static History Fit(this MultiTaskModel model, IReadOnlyDictionary<string, Array> x, double[,] y,
        int batchSize = 256, int epochs = 1, int verbose = 1, int initialEpoch = 0, double validationSplit = 0,
        (IReadOnlyDictionary<string, Array> X, double[,] Y)? validationData = null, bool shuffle = true,
        IReadOnlyList<Callback>? callbacks = null, bool[,]? labelMask = null, bool stopOnNonFiniteLoss = true,
        int? seed = null, TextWriter? output = null, string? resumeFrom = null, IProcessGroup? distributed = null)
    {
        var setup = model.CheckFit(batchSize, epochs, initialEpoch, verbose);
        if (!(validationSplit >= 0 && validationSplit < 1))
        {
            throw new ArgumentException($"validationSplit must be in [0, 1), got {validationSplit}",
                nameof(validationSplit));
        }

        return MultiTaskModel.ExplainTorchFailures("Fit", () =>
        {
            using var all = InputConverter.ToTensors(model.Layout, x);
            model.Layout.RequireBatchFits(Math.Min(batchSize, all.Rows));
            using var labels = LabelTable.Create(model.Tasks, y, labelMask, all.Rows);
            using var validation = validationData is { } data
                ? EvaluationSet.Create(model, data.X, data.Y, null, "validation labels")
                : null;
            double split = validation is null ? validationSplit : 0;
            using var source = new InMemoryBatches(model, all, labels, GroupKeys.Of(x, setup.GroupBy), split,
                shuffle);
            var run = new TrainingRun(model, setup, source, validation, batchSize, shuffle,
                stopOnNonFiniteLoss, seed ?? model.Options.Seed, verbose, output ?? Console.Out, distributed);
            return model.Execute(run, setup, initialEpoch, epochs, callbacks, resumeFrom);
        });
    }

    /// <summary>
    /// The compiled metrics of every task on labelled data, named <c>&lt;task&gt;_&lt;metric&gt;</c>; with
    /// <paramref name="distributed"/>, over the rows of every rank (each passes its own).
    /// </summary>
    public static Dictionary<string, double> Evaluate(this MultiTaskModel model, IReadOnlyDictionary<string, Array> x,
        double[,] y, int batchSize = 256,
        bool[,]? labelMask = null, IProcessGroup? distributed = null)
    {
        var setup = model.CompiledSetup("Evaluate");
        return MultiTaskModel.ExplainTorchFailures("Evaluate", () =>
        {
            using var set = EvaluationSet.Create(model, x, y, labelMask, "labels");
            return set.Metrics(model, setup, batchSize, prefix: "", distributed);
        });
    }

    private static TaskLoss[] ResolveLosses(MultiTaskModel model, IReadOnlyList<TaskLoss>? loss)
    {
        if (loss is null)
        {
            return model.Tasks.Select(t => TaskLoss.Named(t.Type == TaskType.Binary ? "binary_crossentropy" : "mse"))
                .ToArray();
        }
        if (loss.Count != model.Tasks.Count)
        {
            throw new ArgumentException(
                $"{loss.Count} losses were given but the model has {model.Tasks.Count} tasks; give one per task",
                nameof(loss));
        }
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            // libtorch's binary cross-entropy fails on values outside [0, 1], as a regression task's raw outputs are.
            if (loss[t].Name == "binary_crossentropy" && model.Tasks[t].Type != TaskType.Binary)
            {
                throw new ArgumentException($"loss {t + 1} is binary_crossentropy, which needs probabilities, " +
                                            $"but task \"{model.Tasks[t].Name}\" is a regression; use mse or mae");
            }
        }
        return loss.ToArray();
    }

    private static double[] ResolveLossWeights(MultiTaskModel model, IReadOnlyList<double>? lossWeights)
    {
        if (lossWeights is null) return Enumerable.Repeat(1.0, model.Tasks.Count).ToArray();
        if (lossWeights.Count != model.Tasks.Count)
        {
            throw new ArgumentException(
                $"{lossWeights.Count} loss weights were given but the model has {model.Tasks.Count} tasks",
                nameof(lossWeights));
        }
        foreach (var w in lossWeights)
        {
            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new ArgumentException($"loss weights must be finite and non-negative, got {w}",
                    nameof(lossWeights));
            }
        }
        return lossWeights.ToArray();
    }

    private static Metric[] ResolveMetrics(IReadOnlyList<string>? metrics) =>
        (metrics ?? []).Select(MetricRegistry.Resolve).ToArray();
}
