using System.Text.Json;

namespace RecSharp.Bench.Tests.Running;

/// <summary>
/// The streaming benchmark's dry run, so that it cannot rot: every epoch trains on the split's training rows.
/// </summary>
public sealed class StreamBenchDryRunTests
{
    [Fact]
    public void AStreamDryRunReadsAndTrainsMmoeStreamedAndPleStreamedAndInMemory()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = BenchApplication.Run(["stream", "--dry-run", "--json"], output, error);

        Assert.True(code == 0, error.ToString());
        using var report = JsonDocument.Parse(output.ToString().Split('\n')[0]);
        var phases = report.RootElement.GetProperty("phases").EnumerateArray()
            .Select(p => (Name: $"{p.GetProperty("model").GetString()} {p.GetProperty("mode").GetString()}",
                Rows: p.GetProperty("rows").GetInt64(), Speed: p.GetProperty("rows_per_second").GetDouble(),
                Memory: p.GetProperty("peak_working_set_bytes").GetInt64(),
                Epoch: p.GetProperty("train_peak")))
            .ToArray();
        Assert.Equal(["mmoe streamed", "none reading only", "ple streamed", "ple in memory"],
            phases.Select(p => p.Name));
        // 3,000 generated rows less the test rows (20%): by hash when streamed, exactly 600 in memory.
        Assert.InRange(phases[0].Rows, 2_200, 2_600);
        Assert.Equal(phases[0].Rows, phases[1].Rows);
        Assert.Equal(phases[0].Rows, phases[2].Rows);
        Assert.Equal(2_400, phases[3].Rows);
        Assert.All(phases, p => Assert.True(p.Speed > 0 && p.Memory > 0));
        // Each epoch's sampled peak: a working set, the collector's share of it, and the collections it ran (a
        // collection of a generation counts for the younger ones too).
        Assert.All(phases, p => Assert.True(p.Epoch.GetProperty("working_set_bytes").GetInt64() > 0
            && p.Epoch.GetProperty("managed_committed_bytes").GetInt64() > 0));
        Assert.All(phases, p => Assert.True(p.Epoch.GetProperty("collections").EnumerateArray()
            .Select(c => c.GetInt32()).ToArray() is [var gen0, var gen1, var gen2] && gen0 >= gen1 && gen1 >= gen2));
        // Each epoch allocates managed memory and costs processor time, both reported per phase.
        Assert.All(report.RootElement.GetProperty("phases").EnumerateArray(), p => Assert.True(
            p.GetProperty("allocated_bytes_per_row").GetDouble() > 0
            && p.GetProperty("train_processor_seconds").GetDouble() > 0
            && p.GetProperty("rows_per_processor_second").GetDouble() > 0));
        Assert.Contains("| ple | census Parquet | in memory |", output.ToString());
    }

    [Fact]
    public void WithNothingToMeasureTheCommandSaysWhatItNeeds()
    {
        var error = new StringWriter();

        var code = BenchApplication.Run(["stream"], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("stream needs --data", error.ToString());
    }
}
