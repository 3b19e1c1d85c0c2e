namespace RecSharp.Training.Metrics;

/// <summary>
/// A named evaluation metric, as returned by <see cref="MetricRegistry.Resolve(string)"/>.
/// </summary>
public sealed class Metric
{
    private readonly MetricFunction? _function;
    private readonly GroupedMetricFunction? _grouped;

    /// <summary>
    /// Creates a metric from its canonical name, its direction and the function that computes it.
    /// </summary>
    /// <param name="name">The canonical name, such as <c>auc</c>.</param>
    /// <param name="higherIsBetter">Whether larger values mean a better model.</param>
    /// <param name="function">The function that computes the metric.</param>
    /// <param name="kind">What it measures, which decides the tasks it is computed on.</param>
    public Metric(string name, bool higherIsBetter, MetricFunction function, MetricKind kind = MetricKind.Regression)
        : this(name, higherIsBetter, kind, function ?? throw new ArgumentNullException(nameof(function)), null)
    {
    }

    /// <summary>
    /// Creates a metric that needs each row's group (<see cref="NeedsGroups"/>), such as GAUC.
    /// </summary>
    /// <param name="name">The canonical name, such as <c>gauc</c>.</param>
    /// <param name="higherIsBetter">Whether larger values mean a better model.</param>
    /// <param name="function">The function that computes the metric.</param>
    /// <param name="kind">What it measures, which decides the tasks it is computed on.</param>
    internal Metric(string name, bool higherIsBetter, GroupedMetricFunction function, MetricKind kind)
        : this(name, higherIsBetter, kind, null, function ?? throw new ArgumentNullException(nameof(function)))
    {
    }

    private Metric(
        string name, bool higherIsBetter, MetricKind kind, MetricFunction? function, GroupedMetricFunction? grouped)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        HigherIsBetter = higherIsBetter;
        Kind = kind;
        _function = function;
        _grouped = grouped;
    }

    /// <summary>The canonical name of the metric.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether larger values mean a better model (<see langword="true"/> for AUC and accuracy,
    /// <see langword="false"/> for losses and errors).
    /// </summary>
    public bool HigherIsBetter { get; }

    /// <summary>What the metric measures, which decides the tasks it is computed on.</summary>
    public MetricKind Kind { get; }

    /// <summary>Whether the metric needs each row's group (GAUC: the user the row belongs to).</summary>
    public bool NeedsGroups => _grouped is not null;

    /// <summary>
    /// Computes the metric.
    /// </summary>
    /// <param name="labels">The true labels, one per row.</param>
    /// <param name="predictions">The predictions, one per row.</param>
    /// <param name="mask">
    /// Which rows take part: empty (the default) includes every row; otherwise one entry per row.
    /// </param>
    /// <returns>The metric value.</returns>
    /// <exception cref="InvalidOperationException">The metric needs groups: use the other overload.</exception>
    public double Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask = default)
        => _function is not null
            ? _function(labels, predictions, mask)
            : throw new InvalidOperationException($"{Name} needs each row's group; pass the groups");

    /// <summary>
    /// Computes the metric with each row's group; a metric that needs no groups ignores them.
    /// </summary>
    /// <param name="labels">The true labels, one per row.</param>
    /// <param name="predictions">The predictions, one per row.</param>
    /// <param name="groups">Each row's group key, one per row.</param>
    /// <param name="mask">
    /// Which rows take part: empty (the default) includes every row; otherwise one entry per row.
    /// </param>
    /// <returns>The metric value.</returns>
    public double Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<long> groups,
        ReadOnlySpan<bool> mask = default)
        => _grouped is not null ? _grouped(labels, predictions, groups, mask) : _function!(labels, predictions, mask);

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
