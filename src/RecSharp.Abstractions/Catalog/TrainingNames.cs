namespace RecSharp.Catalog;

/// <summary>
/// The optimizers, losses and metrics an experiment may name, in one place: the configuration accepts exactly these
/// names, and the library implements every one of them (a test resolves each in the library).
/// </summary>
public static class TrainingNames
{
    /// <summary>Optimizers, with torch's defaults: <c>sgd</c>, <c>adam</c>, <c>adamw</c>, <c>adagrad</c>,
    /// <c>rmsprop</c>.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "adamw", "adagrad", "rmsprop", "sgd"];

    /// <summary>Per-task losses: <c>binary_crossentropy</c>, <c>mse</c>, <c>mae</c> and <c>huber</c> (delta
    /// 1).</summary>
    public static IReadOnlyList<string> Losses { get; } = ["binary_crossentropy", "mse", "mae", "huber"];

    /// <summary>Metrics, for binary and regression tasks.</summary>
    public static IReadOnlyList<string> Metrics { get; } =
        ["auc", "gauc", "logloss", "binary_crossentropy", "accuracy", "mse", "mae", "rmse"];

    /// <summary>The metrics that only make sense for binary tasks.</summary>
    public static IReadOnlyList<string> ClassificationMetrics { get; } =
        ["auc", "gauc", "logloss", "binary_crossentropy", "accuracy"];

    /// <summary>The metrics whose values lie between 0 and 1 (plots end their axes at 1).</summary>
    public static IReadOnlyList<string> FractionMetrics { get; } = ["auc", "gauc", "accuracy"];

    /// <summary>The metrics computed per group of rows, which need a <c>groupBy</c> column.</summary>
    public static IReadOnlyList<string> GroupedMetrics { get; } = ["gauc"];
}
