using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RecSharp.Bench.Streaming;

/// <summary>The streaming benchmark's result: each measured epoch's speed and memory.</summary>
/// <param name="Phases">The epochs, in the order they ran.</param>
/// <param name="Machine">The processor, cores, .NET version and load average.</param>
/// <param name="DryRun">Whether the data was tiny.</param>
internal sealed record StreamBenchReport(IReadOnlyList<StreamPhase> Phases, string Machine, bool DryRun)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The report as one JSON line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The report as a Markdown table.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Machine}\n\n")
            .Append("| model | data | mode | training rows | prepare s | epoch s | rows/s | peak working set |\n")
            .Append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var p in Phases)
        {
            var mebibytes = p.PeakWorkingSetBytes / (1024.0 * 1024);
            text.Append(CultureInfo.InvariantCulture, $"| {p.Model} | {p.Source} | {p.Mode} | {p.Rows:N0} | ")
                .Append(CultureInfo.InvariantCulture, $"{p.PrepareSeconds:N1} | {p.TrainSeconds:N1} | ")
                .Append(CultureInfo.InvariantCulture, $"{p.RowsPerSecond:N0} | {mebibytes:N0} MiB |\n");
        }

        return text.ToString();
    }
}
