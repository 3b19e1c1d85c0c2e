using RecSharp.Features;

namespace RecSharp.Data.Configuration;

/// <summary>The <c>training</c> section: optimisation, evaluation and data splitting.</summary>
public sealed record TrainingConfig
{
    /// <summary>The optimiser: adam, adamw, adagrad, rmsprop or sgd; default adam.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>The learning rate; null means the optimiser's own default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>One loss per task (binary_crossentropy, mse, mae, huber); null means binary_crossentropy for binary
    /// tasks and mse for regression tasks.</summary>
    public IReadOnlyList<string>? Losses { get; init; }

    /// <summary>One non-negative weight per task for the summed loss; null means all 1.</summary>
    public IReadOnlyList<double>? LossWeights { get; init; }

    /// <summary>
    /// The metrics list (<c>metrics: [auc, mse]</c>): each metric is computed on the tasks of the type it suits
    /// (classification metrics on binary tasks, regression metrics on regression tasks). Null when the metrics are
    /// given per task or not at all (see <see cref="MetricsOfTask"/>).
    /// </summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>
    /// The metrics per task (<c>metrics: {click: [auc, logloss], watch_time: [mse]}</c>); tasks it does not name get
    /// <see cref="DefaultMetrics"/>. Null when the metrics are a list or not given.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? TaskMetrics { get; init; }

    /// <summary>The sparse or hashed feature whose values group rows for <c>gauc</c> (a user id); or null.</summary>
    public string? GroupBy { get; init; }

    /// <summary>Rows per optimisation step; default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Passes over the training rows; default 1.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>The fraction of training rows held out for validation after each epoch; default 0.</summary>
    public double ValidationSplit { get; init; }

    /// <summary>The fraction of all rows held out for the final test; default 0.2.</summary>
    public double TestSplit { get; init; } = 0.2;

    /// <summary>The seed of the row shuffle behind the train/test split; default 1024.</summary>
    public int ShuffleSeed { get; init; } = 1024;

    /// <summary>The seed for model initialisation and batch order; default 1024.</summary>
    public int Seed { get; init; } = 1024;

    /// <summary>The number of CPU threads to use; null means the runtime's choice.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Whether to stream the training rows from the files each epoch instead of holding them; null (the default)
    /// streams when the data would exceed <c>data.memoryBudget</c>.
    /// </summary>
    public bool? Streaming { get; init; }

    /// <summary>Rows of the shuffle buffer a streaming fit reads through; default 100,000.</summary>
    public int ShuffleBuffer { get; init; } = 100_000;

    /// <summary>Early stopping on a monitored quantity; null means train for all epochs.</summary>
    public EarlyStoppingConfig? EarlyStopping { get; init; }

    /// <summary>The metrics of a task none are given for: auc and logloss if binary, mse if a regression.</summary>
    /// <param name="type">The task's type.</param>
    public static IReadOnlyList<string> DefaultMetrics(TaskType type) =>
        type == TaskType.Binary ? ["auc", "logloss"] : ["mse"];

    /// <summary>
    /// The metrics of each task when they are given per task or not at all: those named for it, else
    /// <see cref="DefaultMetrics"/>; null when <see cref="Metrics"/> is a list (which the model applies by task type).
    /// </summary>
    /// <param name="tasks">The tasks' names and types.</param>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MetricsOfTask(
        IEnumerable<(string Name, TaskType Type)> tasks) =>
        Metrics is not null
            ? null
            : tasks.ToDictionary(t => t.Name, t => TaskMetrics?.GetValueOrDefault(t.Name) ?? DefaultMetrics(t.Type),
                StringComparer.Ordinal);
}
