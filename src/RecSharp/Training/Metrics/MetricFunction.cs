namespace RecSharp.Training.Metrics;

/// <summary>
/// Computes a metric over paired labels and predictions.
/// </summary>
/// <param name="labels">The true labels, one per row.</param>
/// <param name="predictions">The predictions, one per row.</param>
/// <param name="mask">
/// Which rows take part: an empty span includes every row; otherwise it must have one entry per row,
/// and rows whose entry is <see langword="false"/> are left out.
/// </param>
/// <returns>The metric value.</returns>
public delegate double MetricFunction(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
    ReadOnlySpan<bool> mask);
