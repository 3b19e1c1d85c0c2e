using System.Text.Json;

namespace RecSharp.Bench.Tests.Running;

/// <summary>The data benchmark's dry run, so that it cannot rot: every phase handles every generated row.</summary>
public sealed class DataBenchDryRunTests
{
    [Fact]
    public void ADataDryRunMeasuresGeneratingReadingFittingAndEncodingBothFormats()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = BenchApplication.Run(["data", "--dry-run", "--json"], output, error);

        Assert.True(code == 0, error.ToString());
        using var report = JsonDocument.Parse(output.ToString().Split('\n')[0]);
        var phases = report.RootElement.GetProperty("phases").EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString(), Format: p.GetProperty("format").GetString(),
                Rows: p.GetProperty("rows").GetInt64(), Bytes: p.GetProperty("bytes").GetInt64(),
                Memory: p.GetProperty("peak_working_set_bytes").GetInt64()))
            .ToArray();
        Assert.Equal(
            ["generate parquet", "generate csv.gz", "read parquet", "read csv.gz", "fit parquet", "encode parquet"],
            phases.Select(p => $"{p.Name} {p.Format}"));
        Assert.All(phases, p => Assert.Equal(2_000, p.Rows));
        Assert.All(phases, p => Assert.True(p.Bytes > 0 && p.Memory > 0));
        Assert.Equal(40, report.RootElement.GetProperty("columns").GetInt32());
        Assert.Contains("| read | parquet |", output.ToString());
    }
}
