namespace RecSharp.Training.Metrics;

/// <summary>
/// A named evaluation metric, as returned by <see cref="MetricRegistry.Resolve(string)"/>.
/// </summary>
public sealed class Metric
{
    private readonly MetricFunction _function;

    /// <summary>
    /// Creates a metric from its canonical name, its direction and the function that computes it.
    /// </summary>
    /// <param name="name">The canonical name, such as <c>auc</c>.</param>
    /// <param name="higherIsBetter">Whether larger values mean a better model.</param>
    /// <param name="function">The function that computes the metric.</param>
    public Metric(string name, bool higherIsBetter, MetricFunction function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        HigherIsBetter = higherIsBetter;
        _function = function;
    }

    /// <summary>The canonical name of the metric.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether larger values mean a better model (<see langword="true"/> for AUC and accuracy,
    /// <see langword="false"/> for losses and errors).
    /// </summary>
    public bool HigherIsBetter { get; }

    /// <summary>
    /// Computes the metric.
    /// </summary>
    /// <param name="labels">The true labels, one per row.</param>
    /// <param name="predictions">The predictions, one per row.</param>
    /// <param name="mask">
    /// Which rows take part: empty (the default) includes every row; otherwise one entry per row.
    /// </param>
    /// <returns>The metric value.</returns>
    public double Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask = default)
        => _function(labels, predictions, mask);

    /// <summary>
    /// Whether <paramref name="candidate"/> is strictly better than <paramref name="reference"/>
    /// in this metric's direction.
    /// </summary>
    /// <param name="candidate">The new value.</param>
    /// <param name="reference">The value to beat.</param>
    /// <returns><see langword="true"/> when the candidate improves on the reference.</returns>
    public bool IsImprovement(double candidate, double reference)
        => HigherIsBetter ? candidate > reference : candidate < reference;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
