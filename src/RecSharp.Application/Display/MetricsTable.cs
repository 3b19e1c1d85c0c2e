using System.Globalization;
using RecSharp.Training.Metrics;
using Spectre.Console;

namespace RecSharp.Application.Display;

/// <summary>Prints test metrics as a table: one row per task, one column per metric (a Spectre table on a
/// terminal).</summary>
internal static class MetricsTable
{
    /// <summary>Writes the table: as a Spectre table on an interactive terminal, as aligned plain text
    /// otherwise.</summary>
    public static void Write(CliOutput output, IReadOnlyList<string> tasks, IReadOnlyList<string> metrics,
        IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Terminal is { } terminal) Write(terminal, tasks, metrics, values);
        else Write(output.Writer, tasks, metrics, values);
    }

    /// <summary>Writes the table as aligned plain text.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> tasks, IReadOnlyList<string> metrics,
        IReadOnlyDictionary<string, double> values)
    {
        if (values.Count == 0) return;
        var names = Names(metrics);
        int width = Math.Max(4, tasks.Max(t => t.Length));
        output.WriteLine();
        output.WriteLine("test".PadRight(width) + string.Concat(names.Select(n => "  " + n.PadLeft(10))));
        foreach (var task in tasks)
        {
            output.WriteLine(
                task.PadRight(width) + string.Concat(names.Select(n => "  " + Cell(values, task, n).PadLeft(10))));
        }
    }

    private static void Write(IAnsiConsole terminal, IReadOnlyList<string> tasks, IReadOnlyList<string> metrics,
        IReadOnlyDictionary<string, double> values)
    {
        if (values.Count == 0) return;
        var names = Names(metrics);
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn(new Text("test")));
        foreach (var name in names) table.AddColumn(new TableColumn(new Text(name)).RightAligned());
        foreach (var task in tasks)
            table.AddRow(names.Select(n => new Text(Cell(values, task, n))).Prepend(new Text(task)));
        terminal.WriteLine();
        terminal.Write(table);
    }

    private static string[] Names(IReadOnlyList<string> metrics) =>
        metrics.Select(m => MetricRegistry.Resolve(m).Name).ToArray();

    private static string Cell(IReadOnlyDictionary<string, double> values, string task, string metric) =>
        values.TryGetValue($"{task}_{metric}", out var v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
