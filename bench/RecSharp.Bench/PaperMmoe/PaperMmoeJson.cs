using System.Text.Json;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// The JSON forms of a <see cref="PaperMmoeReport"/>, snake_case: the line printed with <c>--json</c>
/// (<c>{"results": [cells]}</c>) and the saved file, which adds the settings, the parameter counts, the time, the
/// machine and every run's losses.
/// </summary>
internal static class PaperMmoeJson
{
    private static readonly JsonSerializerOptions Compact =
        new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    /// <summary>
    /// The summary line: <c>{"results": [{"model", "correlation", "task", "mse_mean", "mse_std", "runs"}, …]}</c>.
    /// </summary>
    public static string Line(PaperMmoeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new { Results = report.Cells() }, Compact);
    }

    /// <summary>Everything, indented, for a file.</summary>
    public static string Full(PaperMmoeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var document = new
        {
            Results = report.Cells(),
            Settings = new
            {
                o.Repeats,
                o.Correlations,
                Models = o.Models.Select(m => m.Name),
                Alpha = o.IndexAlpha ? "index" : "normal",
                o.TrainRows,
                o.TestRows,
                o.Epochs,
                o.BatchSize,
                o.LearningRate,
                o.InitStd,
                o.FirstSeed,
                o.Threads,
                o.DryRun,
            },
            Parameters = report.ParameterCounts.ToDictionary(p => p.Key.Name, p => p.Value),
            report.Seconds,
            report.Machine,
            Runs = report.Runs.Select(r => new
            {
                Model = r.Model.Name,
                r.Correlation,
                r.Seed,
                Mse = r.TaskMse,
                r.Seconds,
                r.Reruns,
            }),
        };
        return JsonSerializer.Serialize(document, Indented);
    }
}
