using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RecSharp.Bench.DataScale;

/// <summary>The data benchmark's result: the data set's size and each phase's speed and memory.</summary>
/// <param name="Rows">The rows of the data set.</param>
/// <param name="Shards">The files per format.</param>
/// <param name="Columns">The columns of each row.</param>
/// <param name="Phases">The phases, in the order they ran.</param>
/// <param name="Machine">The processor, cores, .NET version and load average.</param>
/// <param name="DryRun">Whether the data was tiny.</param>
internal sealed record DataBenchReport(
    long Rows, int Shards, int Columns, IReadOnlyList<DataPhase> Phases, string Machine, bool DryRun)
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
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Census-like data, {Rows:N0} rows of {Columns} columns in {Shards} ")
            .Append(CultureInfo.InvariantCulture, $"file(s) per format; {Machine}\n\n")
            .Append("| phase | format | rows/s | MB/s | peak working set |\n| --- | --- | --- | --- | --- |\n");
        foreach (var phase in Phases)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {phase.Name} | {phase.Format} | {phase.RowsPerSecond:N0} | {phase.MegabytesPerSecond:N1} | ")
                .Append(CultureInfo.InvariantCulture, $"{phase.PeakWorkingSetBytes / (1024.0 * 1024):N0} MiB |\n");
        }

        return text.ToString();
    }
}
