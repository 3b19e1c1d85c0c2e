using System.Buffers.Binary;
using System.Text.Json;
using RecSharp.Bench.PaperMmoe;
using RecSharp.Bench.Reporting;
using RecSharp.Bench.Tests.Support;
using RecSharp.Catalog;
using RecSharp.Data.Configuration;

namespace RecSharp.Bench.Tests.PaperMmoe;

/// <summary>The <c>paper-mmoe</c> command on tiny settings, in process: its JSON line, table and files.</summary>
public sealed class PaperMmoeDryRunTests : IDisposable
{
    private static readonly string[] Models = ["sharedbottom", "mmoe", "cgc", "ple"];
    private static readonly double[] Correlations = [1.0, 0.9, 0.5, 0.0];

    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-paper-mmoe-").FullName;

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BenchApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void ADryRunPrintsOneResultPerModelCorrelationAndTaskAndWritesTheTableAndPlot()
    {
        string stem = Path.Combine(_folder, "results", "paper-mmoe");

        var (code, output, error) = Run("paper-mmoe", "--dry-run", "--json", "--threads", "1", "--out", stem);

        Assert.True(code == 0, error);
        using var line = ReportAssertions.JsonLine(output);
        Assert.Equal(["results"], line.RootElement.EnumerateObject().Select(p => p.Name));
        var results = line.RootElement.GetProperty("results").EnumerateArray().ToArray();
        var expected = from m in Models from p in Correlations from t in new[] { 0, 1 } select (m, p, t);
        var cells = results.Select(r => (r.GetProperty("model").GetString()!, r.GetProperty("correlation").GetDouble(),
            r.GetProperty("task").GetInt32()));
        Assert.Equal(expected, cells);
        Assert.All(results, r =>
        {
            string[] fields = ["model", "correlation", "task", "mse_mean", "mse_std", "runs"];
            Assert.Equal(fields, r.EnumerateObject().Select(p => p.Name));
            Assert.Equal(2, r.GetProperty("runs").GetInt32());                     // the dry run's repeats
            double mean = r.GetProperty("mse_mean").GetDouble(), std = r.GetProperty("mse_std").GetDouble();
            Assert.True(mean > 0 && double.IsFinite(mean), $"mse_mean is {mean}");
            Assert.True(std >= 0 && double.IsFinite(std), $"mse_std is {std}");
        });

        string markdown = File.ReadAllText(stem + ".md");
        Assert.Equal(output[output.IndexOf("MMoE paper", StringComparison.Ordinal)..], markdown);
        Assert.Contains("| model (parameters) | task | p = 1.0 | p = 0.9 | p = 0.5 | p = 0.0 |", markdown);
        Assert.Contains("| model | p = 0.9 | p = 0.5 | p = 0.0 |", markdown);
        string[] lines = markdown.Split('\n');
        foreach (var name in new[] { "sharedbottom", "mmoe", "cgc", "ple" })
        {
            Assert.Equal(2, lines.Count(l => l.StartsWith($"| {name} (", StringComparison.Ordinal)));   // one per task
            Assert.Single(lines, l => l.StartsWith($"| {name} |", StringComparison.Ordinal));          // its change
        }

        byte[] png = File.ReadAllBytes(stem + ".png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));                 // the IHDR chunk
        int height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal((PaperMmoePlot.Width, PaperMmoePlot.Panels * PaperMmoePlot.PanelHeight), (width, height));
        Assert.True(png.Length > 20_000, $"the plot has only {png.Length} bytes");
    }

    [Fact]
    public void TheSavedRunsAreWhatTheSummaryAverages()
    {
        string stem = Path.Combine(_folder, "grid");

        var (code, output, error) = Run("paper-mmoe", "--dry-run", "--json", "--threads", "1",
            "--models", "mmoe,sharedbottom", "--correlations", "0.5,0", "--repeats", "3", "--alpha", "index",
            "--out", stem + ".json");

        Assert.True(code == 0, error);
        using var saved = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        Assert.Equal("index", saved.RootElement.GetProperty("settings").GetProperty("alpha").GetString());
        var runs = saved.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(2 * 2 * 3, runs.Length);
        using var line = ReportAssertions.JsonLine(output);
        foreach (var cell in line.RootElement.GetProperty("results").EnumerateArray())
        {
            double[] losses = runs
                .Where(r => r.GetProperty("model").GetString() == cell.GetProperty("model").GetString()
                    && r.GetProperty("correlation").GetDouble() == cell.GetProperty("correlation").GetDouble())
                .Select(r => r.GetProperty("mse")[cell.GetProperty("task").GetInt32()].GetDouble()).ToArray();
            Assert.Equal(3, losses.Length);
            Assert.Equal(losses.Average(), cell.GetProperty("mse_mean").GetDouble(), 12);
            Assert.Equal(PaperMmoeReport.SampleStd(losses), cell.GetProperty("mse_std").GetDouble(), 12);
            Assert.True(losses.Distinct().Count() > 1, "each repeat draws its own data and weights");
        }
    }

    [Fact]
    public void TheDefaultsAreTheHeadlineGrid()
    {
        var options = PaperMmoeOptionsParser.Parse([]);

        Assert.Equal(10, options.Repeats);
        Assert.Equal(Correlations, options.Correlations);
        Assert.Equal(Models, options.Models.Select(m => m.Name));
        Assert.False(options.IndexAlpha);
    }

    [Fact]
    public void TheChangeFromTheHighestCorrelationPairsRunsBySeed()
    {
        var mmoe = ModelNames.Model("mmoe");
        PaperMmoeRun Fit(double p, int seed, double y1, double y2) => new(mmoe, p, seed, [y1, y2], 1, 0);
        var options = new PaperMmoeOptions { Models = [mmoe], Correlations = [0.5, 1.0], Repeats = 2 };
        PaperMmoeRun[] runs =
            [Fit(1.0, 1, 0.1, 0.3), Fit(1.0, 2, 1.0, 1.0), Fit(0.5, 2, 1.5, 2.5), Fit(0.5, 1, 0.2, 0.4)];
        var report = new PaperMmoeReport(
            options, runs, new Dictionary<ModelDefinition, long>(), 1, MachineInfo.Collect());

        Assert.Equal(1.0, report.ReferenceCorrelation);
        var change = report.ChangeFromReference(mmoe, 0.5);       // in the order of the runs at 0.5
        Assert.Equal(2, change.Length);
        Assert.Equal(2.0 - 1.0, change[0], 12);                                // seed 2
        Assert.Equal(0.3 - 0.2, change[1], 12);                                // seed 1
        Assert.Equal([0.0, 0.0], report.ChangeFromReference(mmoe, 1.0));
    }

    [Fact]
    public void TheSpreadIsTheSampleStandardDeviation() =>
        Assert.Equal(Math.Sqrt(5.0 / 3), PaperMmoeReport.SampleStd([1, 2, 3, 4]), 12);

    [Theory]
    [InlineData("--alpha", "uniform")]
    [InlineData("--models", "esmm")]
    [InlineData("--models", "mmoe,deepfm")]
    [InlineData("--correlations", "1.5")]
    [InlineData("--correlations", "0.5,0.5")]
    [InlineData("--repeats", "1")]
    [InlineData("--lr", "0")]
    [InlineData("--rows", "10")]
    public void UsageErrorsExitWithTwoAndSayWhy(params string[] args)
    {
        var (code, _, error) = Run(["paper-mmoe", .. args]);

        Assert.Equal(2, code);
        Assert.StartsWith("RecSharp.Bench: ", error);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
