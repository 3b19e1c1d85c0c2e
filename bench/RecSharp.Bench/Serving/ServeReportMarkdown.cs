using System.Globalization;
using System.Text;
using RecSharp.Bench.Reporting;

namespace RecSharp.Bench.Serving;

/// <summary>
/// The Markdown form of a <see cref="ServeBenchReport"/>: a heading, one table, and the machine line.
/// </summary>
internal static class ServeReportMarkdown
{
    /// <summary>The report as Markdown.</summary>
    public static string Format(ServeBenchReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = new StringBuilder();
        s.AppendLine(F($"### serve · {r.Model} ({r.ModelHash[..15]}…) · rows of {Path.GetFileName(r.Rows)} ")
            + "over loopback HTTP");
        if (r.DryRun) s.AppendLine().AppendLine("Dry run: these numbers only show that the benchmark works.");
        s.AppendLine();
        s.AppendLine(F($"Batches of up to {r.MaxBatch} rows, waiting up to {r.MaxDelayMs} ms for requests being read; ")
            + "latency from sending a request to reading its whole answer, the load generator in the same process.");
        s.AppendLine();
        s.AppendLine("| backend | rows per request | concurrency | requests | requests/s | rows/s | p50 ms | p99 ms "
            + "| p99.9 ms | rows per batch | failed |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var x in r.Results)
        {
            s.AppendLine(F($"| {x.Backend} | {x.RowsPerRequest} | {x.Concurrency} | {x.Requests:N0} ")
                + F($"| {x.RequestsPerSecond:N0} | {x.RowsPerSecond:N0} | {x.P50Ms:F3} | {x.P99Ms:F3} | {x.P999Ms:F3} ")
                + F($"| {x.RowsPerBatch:F1} | {x.Failed} |"));
        }
        s.AppendLine();
        s.AppendLine("Server time, mean ms per request (score: per forward pass of a batch):");
        s.AppendLine();
        s.AppendLine("| backend | rows per request | concurrency | read | encode | queue | score | write |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var x in r.Results)
        {
            var stages = new[] { "read", "encode", "queue", "score", "write" }.Select(k => F($"{x.StageMs[k]:F3}"));
            s.AppendLine(F($"| {x.Backend} | {x.RowsPerRequest} | {x.Concurrency} | {string.Join(" | ", stages)} |"));
        }
        s.AppendLine();
        s.AppendLine(ReportMarkdown.MachineLine(r.Machine) + F($" · ONNX Runtime {r.OnnxRuntime}"));
        return s.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
