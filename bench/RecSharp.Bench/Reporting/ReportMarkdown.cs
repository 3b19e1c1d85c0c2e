using System.Globalization;
using System.Text;

namespace RecSharp.Bench.Reporting;

/// <summary>The Markdown form of a <see cref="BenchReport"/>: a heading, one table, and the machine line.</summary>
internal static class ReportMarkdown
{
    /// <summary>The report as Markdown.</summary>
    public static string Format(BenchReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = new StringBuilder();
        s.AppendLine(
            F($"### {r.Benchmark} · {r.Model} · {r.Data.TrainRows:N0} training rows, {r.Data.TestRows:N0} test rows"));
        if (r.DryRun) s.AppendLine().AppendLine("Dry run: these numbers only show that the benchmark works.");
        s.AppendLine();
        s.AppendLine("| measure | value |");
        s.AppendLine("| --- | --- |");
        Row(s,
            F($"training throughput (batch {r.Settings.BatchSize}, {r.Settings.WarmupBatches} warm-up steps excluded)"),
            F($"{r.Training.RowsPerSecond:N0} rows/s"));
        Row(s, "training MFU", Percent(r.Training.Mfu));
        Row(s, "training throughput over the whole Fit (warm-up, conversion and epoch ends included)",
            F($"{r.Training.FitRowsPerSecond((long)r.Data.TrainRows * r.Settings.Epochs):N0} rows/s"));
        Row(s, F($"training rows per CPU second ({r.Machine.Threads} threads)"),
            F($"{r.Training.RowsPerCpuSecond:N0}"));
        Row(s, F($"prediction throughput (batch {r.Prediction.BatchSize})"),
            F($"{r.Prediction.RowsPerSecond:N0} rows/s"));
        Row(s, "prediction MFU", Percent(r.Prediction.Mfu));
        Row(s, F($"single-row latency p50 / p99 ({r.Prediction.LatencyCalls:N0} calls)"),
            F($"{r.Prediction.LatencyP50Ms:F3} / {r.Prediction.LatencyP99Ms:F3} ms"));
        Row(s, "peak working set", F($"{r.PeakWorkingSetMib:N0} MiB"));
        Row(s, "forward FLOPs per row (training step: 3×)",
            F($"{r.Flops.ForwardPerRow / 1e6:F3} M ({r.Flops.TrainingPerRow / 1e6:F3} M)"));
        Row(s, F($"float32 matmul peak ({r.Flops.PeakShape}, {r.Machine.Threads} threads; median run)"),
            F($"{r.Flops.PeakGflops:F1} GFLOP/s ({r.Flops.MedianGflops:F1})"));
        foreach (var (task, metrics) in r.TestMetrics)
        {
            Row(s, $"{task}: test {string.Join(" / ", metrics.Keys)}",
                string.Join(" / ", metrics.Values.Select(v => v.ToString("F4", CultureInfo.InvariantCulture))));
        }
        s.AppendLine();
        s.AppendLine(MachineLine(r.Machine));
        return s.ToString();
    }

    /// <summary>The machine, the versions and the load average on one line.</summary>
    public static string MachineLine(MachineInfo m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return F($"{m.Cpu}, {m.LogicalCores} logical cores, {m.Threads} threads · {m.Os} · {m.DotNet} · ")
            + F($"TorchSharp {m.TorchSharp} · libtorch {m.LibTorch} · {m.Build} build · load average {m.LoadAverage}");
    }

    private static void Row(StringBuilder s, string measure, string value) =>
        s.Append("| ").Append(measure).Append(" | ").Append(value).AppendLine(" |");

    private static string Percent(double fraction) => F($"{fraction * 100:F2}%");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
