using System.Globalization;
using System.Text.Json;

namespace RecSharp.Bench.Scaling;

/// <summary>A <see cref="ScalingReport"/> as a JSON line and as a Markdown table row under its header.</summary>
internal static class ScalingOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The header of the table.</summary>
    public const string Header =
        "| ranks × threads | rows/s | step | allreduce per step | share of step | gradient bytes per step | " +
        "ring bytes sent per rank | direct (fastest) / MPI.NET allreduce | test AUCs |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";

    /// <summary>The report as one JSON line.</summary>
    public static string ToJson(ScalingReport report, bool indented = false) =>
        JsonSerializer.Serialize(report, indented ? new JsonSerializerOptions(Json) { WriteIndented = true } : Json);

    /// <summary>The report as the table's header and one row.</summary>
    public static string ToMarkdown(ScalingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var aucs = report.TestMetrics.Values
            .Select(m => m.TryGetValue("auc", out double auc) ? auc.ToString("F4", c) : "-");
        return Header + string.Create(c,
            $"| {report.Ranks} × {report.ThreadsPerRank} | {report.RowsPerSecond:N0} | {report.StepMs:F2} ms | " +
            $"{report.AllReduceMsPerStep:F3} ms | {report.AllReduceShare:P1} | {report.GradientBytes:N0} | " +
            $"{report.RingBytesSentPerRank:N0} | {report.DirectAllReduceMs:F3} " +
            $"({report.FastestDirectAllReduceMs:F3}) / " +
            $"{report.ManagedAllReduceMs:F3} ms | " +
            $"{string.Join(" / ", aucs)} |") + "\n";
    }
}
