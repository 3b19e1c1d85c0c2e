using System.Text.Json;
using RecSharp.Bench.Tests.Support;
using RecSharp.Tests.Shared;

namespace RecSharp.Bench.Tests.Serving;

/// <summary>The serving benchmark's dry run, in process, so that it cannot rot; and its usage errors.</summary>
public sealed class ServeBenchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-bench-serve-").FullName;

    [Trait("Data", "Census")]
    [SkippableFact]
    public void ADryRunMeasuresEachBackendRequestSizeAndConcurrencyWithoutAFailedRequest()
    {
        string census = SharedFolder.Require(SharedFolder.CensusFile);
        string stem = Path.Combine(_folder, "serve");

        var (code, output, error) = Run("serve", "--data", census, "--dry-run", "--json", "--threads", "1",
            "--candidates", "20", "--out", stem);

        Assert.True(code == 0, error);
        using var report = ReportAssertions.JsonLine(output);
        var root = report.RootElement;
        Assert.Equal("serve", root.GetProperty("benchmark").GetString());
        Assert.True(root.GetProperty("dry_run").GetBoolean());
        Assert.StartsWith("sha256:", root.GetProperty("model_hash").GetString());
        var results = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(
            from backend in new[] { "torch", "onnx" }
            from rows in new[] { 1, 20 }
            from concurrency in new[] { 1, 8, 64 }
            select (backend, rows, concurrency),
            results.Select(r => (r.GetProperty("backend").GetString(), r.GetProperty("rows_per_request").GetInt32(),
                r.GetProperty("concurrency").GetInt32())));
        foreach (var result in results)
        {
            Assert.Equal(40, result.GetProperty("requests").GetInt32());
            Assert.Equal(0, result.GetProperty("failed").GetInt32());
            Assert.True(result.GetProperty("requests_per_second").GetDouble() > 0);
            double p50 = result.GetProperty("p50_ms").GetDouble(), p99 = result.GetProperty("p99_ms").GetDouble();
            Assert.True(p50 > 0 && p50 <= p99 && p99 <= result.GetProperty("p999_ms").GetDouble(), result.ToString());
            Assert.InRange(result.GetProperty("rows_per_batch").GetDouble(), 1, 256);
            var stages = result.GetProperty("stage_ms");
            Assert.Equal(["read", "encode", "queue", "score", "write"], stages.EnumerateObject().Select(s => s.Name));
            Assert.True(stages.GetProperty("score").GetDouble() > 0, stages.ToString());
        }
        using var saved = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        Assert.Equal(results.Length, saved.RootElement.GetProperty("results").GetArrayLength());
        Assert.Contains("| onnx | 20 | 64 | 40 |", File.ReadAllText(stem + ".md"));
    }

    [Theory]
    [InlineData("serve", "--backend", "tpu")]
    [InlineData("serve", "--concurrency", "1,0")]
    [InlineData("serve", "--seconds", "-1")]
    [InlineData("serve", "--model", "no-such-run")]
    public void UsageErrorsExitWithTwoAndSayWhy(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("RecSharp.Bench: ", error);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BenchApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
