using System.Globalization;

namespace RecSharp.Cli.Experiments;

/// <summary>Prints test metrics as a table: one row per task, one column per metric.</summary>
public static class MetricsTable
{
    /// <summary>Writes the table.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> tasks, IReadOnlyList<string> metrics, IReadOnlyDictionary<string, double> values)
    {
        if (values.Count == 0) return;
        var names = metrics.Select(m => Training.Metrics.MetricRegistry.Resolve(m).Name).ToArray();
        int width = Math.Max(4, tasks.Max(t => t.Length));
        output.WriteLine();
        output.WriteLine("test".PadRight(width) + string.Concat(names.Select(n => "  " + n.PadLeft(10))));
        foreach (var task in tasks)
        {
            output.WriteLine(task.PadRight(width) + string.Concat(names.Select(n =>
                "  " + (values.TryGetValue($"{task}_{n}", out var v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "-").PadLeft(10))));
        }
    }
}
