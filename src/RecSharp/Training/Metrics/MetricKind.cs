namespace RecSharp.Training.Metrics;

/// <summary>What a metric measures, and so which tasks it is computed on.</summary>
public enum MetricKind
{
    /// <summary>
    /// Ranking or classification of 0/1 labels (AUC, GAUC, log loss, accuracy): computed on binary tasks only; a
    /// metrics list applies it to every binary task.
    /// </summary>
    Classification,

    /// <summary>
    /// An error of the predicted value (MSE, MAE, RMSE): a metrics list applies it to every regression task; named
    /// for a binary task in the per-task metrics, it is computed on the predicted probability (MSE: the Brier score).
    /// </summary>
    Regression,
}
