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
            .Append("| model | data | mode | training rows | prepare s | epoch s | rows/s | epoch's processor s ")
            .Append("| rows per processor s | peak working set ")
            .Append("| preparing's peak: managed + native, when | epoch's peak: managed + native, when ")
            .Append("| epoch's allocations per row |\n")
            .Append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var p in Phases)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {p.Model} | {p.Source} | {p.Mode} | {p.Rows:N0} | ")
                .Append(CultureInfo.InvariantCulture, $"{p.PrepareSeconds:N1} | {p.TrainSeconds:N1} | ")
                .Append(CultureInfo.InvariantCulture, $"{p.RowsPerSecond:N0} | {p.TrainProcessorSeconds:N1} | ")
                .Append(CultureInfo.InvariantCulture, $"{p.RowsPerProcessorSecond:N0} | ")
                .Append(CultureInfo.InvariantCulture, $"{MiB(p.PeakWorkingSetBytes)} MiB | ")
                .Append(CultureInfo.InvariantCulture, $"{Split(p.PreparePeak)} | {Split(p.TrainPeak)} | ")
                .Append(CultureInfo.InvariantCulture, $"{p.AllocatedBytesPerRow:N0} B |\n");
        }

        return text.ToString();
    }

    private static string Split(MemoryPeak? peak) => peak is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"{MiB(peak.WorkingSetBytes)} MiB: {MiB(peak.ManagedCommittedBytes)} + {MiB(peak.NativeBytes)}, "
        + $"at {peak.AtSeconds:N0} s");

    private static string MiB(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);
}
