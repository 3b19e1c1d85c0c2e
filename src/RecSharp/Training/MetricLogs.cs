using RecSharp.Features;
using RecSharp.Training.Metrics;

namespace RecSharp.Training;

/// <summary>Computes each task's metrics on its own column (the reference mixes all tasks' outputs: wrong).</summary>
internal static class MetricLogs
{
    public static Dictionary<string, double> Compute(IReadOnlyList<TaskSpec> tasks,
        IReadOnlyList<IReadOnlyList<Metric>> metrics, double[,] labels, double[,] predictions, bool[,]? mask,
        long[]? groups, string prefix)
    {
        var logs = new Dictionary<string, double>(StringComparer.Ordinal);
        int rows = labels.GetLength(0);
        for (int t = 0; t < tasks.Count; t++)
        {
            var y = new double[rows];
            var p = new double[rows];
            var m = mask is null ? null : new bool[rows];
            for (int i = 0; i < rows; i++)
            {
                y[i] = labels[i, t];
                p[i] = predictions[i, t];
                if (m is not null) m[i] = mask![i, t];
            }
            foreach (var metric in metrics[t])
            {
                string name = $"{prefix}{tasks[t].Name}_{metric.Name}";
                logs[name] = ComputeOrNaN(metric, y, p, m, groups);
            }
        }
        return logs;
    }

    // A metric that is undefined on these rows (AUC with one class, or every label masked) is logged as NaN
    // rather than ending training.
    private static double ComputeOrNaN(Metric metric, double[] y, double[] p, bool[]? m, long[]? groups)
    {
        try
        {
            return metric.NeedsGroups ? metric.Compute(y, p, groups, m) : metric.Compute(y, p, m);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }
}
