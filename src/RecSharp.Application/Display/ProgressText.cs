using System.Globalization;
using RecSharp.Training;

namespace RecSharp.Application.Display;

/// <summary>The words and numbers of the training progress, the same on a terminal and in redirected output.</summary>
internal static class ProgressText
{
    /// <summary>The epoch's label: <c>Epoch 2/5</c> for the zero-based <paramref name="epoch"/> 1 of 5.</summary>
    public static string Epoch(int epoch, int epochs) => $"Epoch {epoch + 1}/{epochs}";

    /// <summary>A throughput such as <c>12,345 rows/s</c>.</summary>
    public static string Rate(double rowsPerSecond) =>
        rowsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " rows/s";

    /// <summary>A time left as <c>mm:ss</c> (<c>h:mm:ss</c> from an hour on), or <c>--:--</c> while unknown.</summary>
    public static string Eta(TimeSpan? remaining) => remaining switch
    {
        null => "--:--",
        { TotalHours: >= 1 } r => r.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
        { } r => r.ToString(@"mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>The live statistics of an epoch in progress: rows, throughput, time left and running loss.</summary>
    public static string Live(EpochProgress progress, double runningLoss) => string.Create(CultureInfo.InvariantCulture,
        $"{progress.RowsDone:N0}/{progress.Rows:N0} rows  {Rate(progress.RowsPerSecond)}  ETA " +
            $"{Eta(progress.Remaining)}  loss {runningLoss:F4}");

    /// <summary>
    /// The line that ends an epoch: its label, its time (validation included), the training throughput, then the loss
    /// and every other logged quantity in the order logged.
    /// </summary>
    public static string Summary(int epoch, int epochs, TimeSpan elapsed, EpochProgress training,
        IReadOnlyDictionary<string, double> logs)
    {
        var parts = new List<string>
        {
            Epoch(epoch, epochs),
            string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F1}s"),
            Rate(training.RowsPerSecond),
        };
        if (logs.TryGetValue("loss", out double loss)) parts.Add(Value("loss", loss));
        parts.AddRange(logs.Where(kv => kv.Key != "loss").Select(kv => Value(kv.Key, kv.Value)));
        return string.Join("  ", parts);
    }

    /// <summary>
    /// Breaks a line of <c>"  "</c>-separated parts into lines of at most <paramref name="width"/> characters (a
    /// single part longer than that keeps a line of its own); continuation lines are indented by two spaces.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string line, int width)
    {
        ArgumentNullException.ThrowIfNull(line);
        var lines = new List<string>();
        var current = "";
        foreach (var part in line.Split("  "))
        {
            string candidate = current.Length == 0 ? part : current + "  " + part;
            if (current.Length > 0 && candidate.Length > width)
            {
                lines.Add(current);
                current = "  " + part;
            }
            else
            {
                current = candidate;
            }
        }
        lines.Add(current);
        return lines;
    }

    private static string Value(string name, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {value:F4}");
}
