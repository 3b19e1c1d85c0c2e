namespace RecSharp.Application.Display;

/// <summary>
/// The console lines that show, per binary task listing only <c>positive</c> values, which label values were read as 0,
/// so that a typo in a positive value or an unexpected label is seen before the metrics are trusted.
/// </summary>
internal static class LabelsReadAsZeroNote
{
    /// <summary>The most distinct values shown per task; the rest are counted.</summary>
    public const int ShownValues = 5;

    /// <summary>Writes one line per task that read values as 0; nothing when there are none.</summary>
    public static void Write(TextWriter output, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> labels)
    {
        foreach (var (task, counts) in labels)
        {
            if (counts.Count == 0) continue;
            var shown = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(ShownValues).Select(kv => $"\"{kv.Key}\" ({kv.Value} rows)");
            string more = counts.Count > ShownValues ? $" and {counts.Count - ShownValues} more" : "";
            output.WriteLine(
                $"Task {task} read {counts.Count} distinct label value{(counts.Count == 1 ? "" : "s")} as 0: " +
                             string.Join(", ", shown) + more +
                             " (list them as negative: values to refuse anything else)");
        }
    }
}
