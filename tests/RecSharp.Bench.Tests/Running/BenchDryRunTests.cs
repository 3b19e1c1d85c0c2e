using System.Text.Json;
using RecSharp.Bench.Tests.Support;
using RecSharp.Tests.Shared;

namespace RecSharp.Bench.Tests.Running;

/// <summary>The benchmark's dry runs, in process, so that the benchmark cannot rot: every workload and model produces a
/// complete report.</summary>
public sealed class BenchDryRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-bench-").FullName;

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BenchApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("ple")]
    [InlineData("cgc")]
    [InlineData("mmoe")]
    [InlineData("sharedbottom")]
    [InlineData("esmm")]
    public void ASyntheticDryRunReportsEveryMeasureForEachModel(string model)
    {
        var (code, output, error) = Run("synthetic", "--dry-run", "--json", "--threads", "1", "--model", model);

        Assert.True(code == 0, error);
        using var report = ReportAssertions.JsonLine(output);
        ReportAssertions.Complete(report.RootElement);
        Assert.Equal(model, report.RootElement.GetProperty("model").GetString());
        Assert.True(report.RootElement.GetProperty("dry_run").GetBoolean());
        Assert.Equal(["click", "conversion"],
            report.RootElement.GetProperty("test_metrics").EnumerateObject().Select(p => p.Name));
        Assert.Contains("| training MFU |", output);
    }

    [Fact]
    public void AStepProfileDryRunTimesEveryPartOfTheStep()
    {
        var (code, output, error) = Run("step-profile", "synthetic", "--dry-run", "--threads", "1", "--batch", "256");

        Assert.True(code == 0, error);
        foreach (string part in new[] { "batch", "zero_grad", "forward", "loss", "backward", "optimizer" })
            Assert.Matches($@"\| {part} \| \d+\.\d{{3}} \|", output);
        Assert.Contains("| step in Fit (steady state) |", output);
        Assert.Contains("| prediction forward, batch 1024 |", output);
    }

    [Fact]
    public void TheRegressionGeneratorReportsMeanSquaredErrors()
    {
        var (code, output, error) = Run("synthetic", "--generator", "mmoe", "--model", "mmoe", "--dry-run", "--json",
            "--threads", "1");

        Assert.True(code == 0, error);
        using var report = ReportAssertions.JsonLine(output);
        ReportAssertions.Complete(report.RootElement);
        var metrics = report.RootElement.GetProperty("test_metrics");
        Assert.Equal(["y1", "y2"], metrics.EnumerateObject().Select(p => p.Name));
        Assert.All(metrics.EnumerateObject(), task =>
            Assert.Equal(["mse"], task.Value.EnumerateObject().Select(m => m.Name)));
    }

    [Trait("Data", "Census")]
    [SkippableFact]
    public void ACensusDryRunMeasuresOnTheExperimentsSplitAndSavesTheResult()
    {
        string census = SharedFolder.Require(SharedFolder.CensusFile);
        string stem = Path.Combine(_folder, "results", "census");

        var (code, output, error) = Run("census", "--data", census, "--dry-run", "--json", "--threads", "1", "--out",
            stem + ".json");

        Assert.True(code == 0, error);
        using var report = ReportAssertions.JsonLine(output);
        var root = report.RootElement;
        ReportAssertions.Complete(root);
        Assert.Equal("census", root.GetProperty("benchmark").GetString());
        Assert.Equal("ple", root.GetProperty("model").GetString());
        var data = root.GetProperty("data");
        // 29 embeddings of 4 and 11 dense values
        Assert.Equal(127, data.GetProperty("input_width").GetInt32());
        Assert.Equal(2048, data.GetProperty("train_rows").GetInt32());                  // the dry run's cap
        Assert.Equal(["income", "marital"], data.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(903_680, root.GetProperty("flops").GetProperty("forward_per_row").GetInt64());

        using var saved = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        ReportAssertions.Complete(saved.RootElement);
        Assert.Equal(root.GetProperty("machine").GetProperty("timestamp_utc").GetString(),
            saved.RootElement.GetProperty("machine").GetProperty("timestamp_utc").GetString());
        Assert.Contains("| income: test auc / logloss |", File.ReadAllText(stem + ".md"));
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("synthetic", "--model", "deepfm")]
    [InlineData("synthetic", "--latency-calls", "10")]
    [InlineData("synthetic", "--data", "x.csv")]
    [InlineData("census", "--rows", "10")]
    [InlineData("synthetic", "--batch", "0")]
    public void UsageErrorsExitWithTwoAndSayWhy(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("RecSharp.Bench: ", error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
