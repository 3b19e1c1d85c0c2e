using RecSharp.Bench.Tests.Support;
using RecSharp.Tests.Shared;

namespace RecSharp.Bench.Tests.Running;

/// <summary>The scaling benchmark's dry run under a real <c>mpirun.mpich -np 2</c>, so that it cannot rot.</summary>
public sealed class ScalingDryRunTests
{
    [SkippableFact]
    public void TwoRanksReportTheirThroughputAllreduceAndTestMetrics()
    {
        MpiJob.Launcher();

        var (code, output, error) = MpiJob.Run(2, "RecSharp.Bench.dll", "scaling", "synthetic", "--dry-run", "--json",
            "--threads", "1", "--batch", "64");

        Assert.True(code == 0, error);
        using var report = ReportAssertions.JsonLine(output);
        var r = report.RootElement;
        Assert.Equal(2, r.GetProperty("ranks").GetInt32());
        Assert.Equal(128, r.GetProperty("global_batch_size").GetInt32());
        long bytes = r.GetProperty("gradient_bytes").GetInt64();
        Assert.True(bytes > 0 && bytes % sizeof(float) == 0, $"gradient bytes {bytes}");
        Assert.Equal(bytes, r.GetProperty("ring_bytes_sent_per_rank").GetDouble());       // 2·(N−1)/N = 1 for N = 2
        double share = r.GetProperty("all_reduce_share").GetDouble();
        Assert.True(share is > 0 and < 1, $"allreduce share {share}");
        string[] positives =
        [
            "rows_per_second", "step_ms", "all_reduce_ms_per_step", "direct_all_reduce_ms",
            "fastest_direct_all_reduce_ms", "managed_all_reduce_ms",
        ];
        foreach (string positive in positives)
            Assert.True(r.GetProperty(positive).GetDouble() > 0, $"{positive} is not positive");
        Assert.All(r.GetProperty("test_metrics").EnumerateObject(), task =>
            Assert.InRange(task.Value.GetProperty("auc").GetDouble(), 0, 1));
        Assert.Single(output.Split('\n'), line => line.StartsWith("| 2 × 1 |", StringComparison.Ordinal));
    }
}
