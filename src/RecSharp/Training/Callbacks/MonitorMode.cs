using RecSharp.Training.Metrics;

namespace RecSharp.Training.Callbacks;

/// <summary>Whether a monitored quantity improves by going up or down (<c>auto</c> decides from its name).</summary>
public static class MonitorMode
{
    /// <summary>
    /// True when higher is better for <paramref name="monitor"/> under <paramref name="mode"/> (<c>min</c>, <c>max</c>
    /// or <c>auto</c>: losses and errors go down, AUC and accuracy go up).
    /// </summary>
    public static bool HigherIsBetter(string monitor, string mode) => mode switch
    {
        "max" => true,
        "min" => false,
        "auto" => AutoHigherIsBetter(monitor),
        _ => throw new ArgumentException($"mode must be \"min\", \"max\" or \"auto\", got \"{mode}\"", nameof(mode)),
    };

    /// <summary>Whether <paramref name="current"/> beats <paramref name="best"/> by more than <paramref
    /// name="minDelta"/> in the given direction.</summary>
    public static bool IsImprovement(double current, double best, bool higherIsBetter, double minDelta = 0) =>
        higherIsBetter ? current > best + minDelta : current < best - minDelta;

    private static bool AutoHigherIsBetter(string monitor)
    {
        if (monitor.EndsWith("loss", StringComparison.Ordinal)) return false;
        foreach (var name in MetricRegistry.KnownNames)
        {
            if (monitor.EndsWith("_" + name, StringComparison.Ordinal)
                && MetricRegistry.TryResolve(name, out var metric))
            {
                return metric.HigherIsBetter;
            }
        }
        return false;
    }
}
