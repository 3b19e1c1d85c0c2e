namespace RecSharp.Training.Metrics;

/// <summary>
/// Computes a metric that needs each row's group, such as GAUC (see <see cref="EvaluationMetrics.GroupAuc"/>).
/// </summary>
/// <param name="labels">The true labels, one per row.</param>
/// <param name="predictions">The predictions, one per row.</param>
/// <param name="groups">Each row's group key (a user id, say), one per row.</param>
/// <param name="mask">Which rows take part: empty includes every row; otherwise one entry per row.</param>
/// <returns>The metric value.</returns>
internal delegate double GroupedMetricFunction(
    ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<long> groups, ReadOnlySpan<bool> mask);
