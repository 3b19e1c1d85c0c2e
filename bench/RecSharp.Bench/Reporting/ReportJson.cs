using System.Text.Json;

namespace RecSharp.Bench.Reporting;

/// <summary>
/// The JSON form of a report (<see cref="BenchReport"/>, the serving report): snake_case names, task and metric names
/// as they are.
/// </summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions Compact =
        new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    /// <summary>The report as JSON: one line, or indented for a file.</summary>
    public static string Serialize<TReport>(TReport report, bool indented = false) =>
        JsonSerializer.Serialize(report, indented ? Indented : Compact);
}
