using System.Diagnostics.CodeAnalysis;

namespace RecSharp.Training.Metrics;

/// <summary>
/// Looks metrics up by name. Names are matched case-insensitively after trimming, and several
/// aliases map to each metric: <c>auc</c>; <c>gauc</c>; <c>logloss</c>, <c>log_loss</c>, <c>binary_crossentropy</c>,
/// <c>bce</c>; <c>mse</c>, <c>mean_squared_error</c>; <c>mae</c>, <c>mean_absolute_error</c>; <c>rmse</c>,
/// <c>root_mean_squared_error</c>; <c>accuracy</c>, <c>acc</c>, <c>binary_accuracy</c>.
/// </summary>
internal static class MetricRegistry
{
    private const MetricKind Classification = MetricKind.Classification;
    private static readonly Metric AucMetric = new("auc", true, EvaluationMetrics.Auc, Classification);
    private static readonly Metric GroupAucMetric = new("gauc", true, EvaluationMetrics.GroupAuc, Classification);
    private static readonly Metric LogLossMetric = new("logloss", false, EvaluationMetrics.LogLoss, Classification);
    private static readonly Metric AccuracyMetric = new("accuracy", true, EvaluationMetrics.Accuracy, Classification);
    private static readonly Metric MseMetric = new("mse", false, EvaluationMetrics.MeanSquaredError);
    private static readonly Metric MaeMetric = new("mae", false, EvaluationMetrics.MeanAbsoluteError);
    private static readonly Metric RmseMetric = new("rmse", false, EvaluationMetrics.RootMeanSquaredError);

    private static readonly Dictionary<string, Metric> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["auc"] = AucMetric,
        ["gauc"] = GroupAucMetric,
        ["logloss"] = LogLossMetric,
        ["log_loss"] = LogLossMetric,
        ["binary_crossentropy"] = LogLossMetric,
        ["bce"] = LogLossMetric,
        ["mse"] = MseMetric,
        ["mean_squared_error"] = MseMetric,
        ["mae"] = MaeMetric,
        ["mean_absolute_error"] = MaeMetric,
        ["rmse"] = RmseMetric,
        ["root_mean_squared_error"] = RmseMetric,
        ["accuracy"] = AccuracyMetric,
        ["acc"] = AccuracyMetric,
        ["binary_accuracy"] = AccuracyMetric,
    };

    /// <summary>Every accepted name, canonical names and aliases, in alphabetical order.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = [.. ByName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Returns the metric with the given name or alias.
    /// </summary>
    /// <param name="name">A metric name such as <c>auc</c> or <c>binary_crossentropy</c>.</param>
    /// <returns>The metric; its <see cref="Metric.Name"/> is the canonical name.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Metric Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryResolve(name, out Metric? metric))
        {
            return metric;
        }

        throw new ArgumentException(
            $"Unknown metric '{name}'. Known metrics: {string.Join(", ", KnownNames)}.", nameof(name));
    }

    /// <summary>
    /// Looks up a metric by name or alias without throwing.
    /// </summary>
    /// <param name="name">A metric name.</param>
    /// <param name="metric">The metric when found; otherwise <see langword="null"/>.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryResolve(string? name, [NotNullWhen(true)] out Metric? metric)
    {
        metric = null;
        return name is not null && ByName.TryGetValue(name.Trim(), out metric);
    }
}
