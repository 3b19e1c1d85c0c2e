using System.Globalization;
using System.Text;
using RecSharp.Bench.Workloads;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>The report as Markdown: the settings, then the final test MSE (mean ± standard deviation over the repeats) per model, task and correlation.</summary>
public static class PaperMmoeMarkdown
{
    /// <summary>Formats <paramref name="report"/>.</summary>
    public static string Format(PaperMmoeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var text = new StringBuilder();
        text.Append(Invariant($"MMoE paper's synthetic experiment: {o.Repeats} repeats × {o.Correlations.Count} correlations × {o.Models.Count} models, "))
            .Append(Invariant($"α, β {AlphaText(o.IndexAlpha)}; {o.TrainRows:N0} training and {o.TestRows:N0} test rows, "))
            .Append(Invariant($"{o.Epochs} epochs of batch {o.BatchSize}, Adam (learning rate {o.LearningRate}), "))
            .Append(Invariant($"weights initialised N(0, {o.InitStd}²), "))
            .AppendLine(Invariant($"seeds {o.FirstSeed}–{o.FirstSeed + o.Repeats - 1}{(o.DryRun ? ", dry run" : "")}."));
        int reruns = report.Runs.Sum(r => r.Reruns);
        text.Append(Invariant($"Took {report.Seconds / 60:0.0} min on {report.Machine.Cpu}, {report.Machine.Threads} thread(s), "))
            .Append(Invariant($"load average at the end {report.Machine.LoadAverage}"))
            .AppendLine(reruns == 0 ? "." : Invariant($"; {reruns} fit(s) failed in libtorch and were run again from their seed."));
        text.AppendLine();
        text.AppendLine("Final test MSE, mean ± standard deviation over the repeats:");
        text.AppendLine();
        text.Append("| model (parameters) | task |");
        foreach (double p in o.Correlations) text.Append(Invariant($" p = {p:0.0##} |"));
        text.AppendLine();
        text.AppendLine("| --- | --- |" + string.Concat(o.Correlations.Select(_ => " --- |")));
        foreach (var model in o.Models)
            for (int task = 0; task < PaperMmoeModels.TaskNames.Length; task++)
            {
                string name = Invariant($"{ModelNames.Display(model)} ({report.ParameterCounts.GetValueOrDefault(model):N0})");
                text.Append(Invariant($"| {name} | {PaperMmoeModels.TaskNames[task]} |"));
                foreach (double p in o.Correlations)
                {
                    var losses = report.Losses(model, p, task);
                    text.Append(Invariant($" {losses.Average():0.0000} ± {PaperMmoeReport.SampleStd(losses):0.0000} |"));
                }
                text.AppendLine();
            }
        AppendChanges(text, report);
        return text.ToString();
    }

    // The paired change from the reference correlation, per model: what the lower correlation costs, seed by seed.
    private static void AppendChanges(StringBuilder text, PaperMmoeReport report)
    {
        double reference = report.ReferenceCorrelation;
        double[] lower = [.. report.Options.Correlations.Where(p => p != reference)];
        if (lower.Length == 0) return;
        text.AppendLine();
        text.AppendLine(Invariant($"Change of the test MSE (mean of both tasks) from p = {reference:0.0##}, seed by seed, mean ± standard deviation:"));
        text.AppendLine();
        text.AppendLine("| model |" + string.Concat(lower.Select(p => Invariant($" p = {p:0.0##} |"))));
        text.AppendLine("| --- |" + string.Concat(lower.Select(_ => " --- |")));
        foreach (var model in report.Options.Models)
        {
            text.Append(Invariant($"| {ModelNames.Display(model)} |"));
            foreach (double p in lower)
            {
                var change = report.ChangeFromReference(model, p);
                text.Append(Invariant($" {change.Average():+0.0000;-0.0000} ± {PaperMmoeReport.SampleStd(change):0.0000} |"));
            }
            text.AppendLine();
        }
    }

    /// <summary>How α and β were chosen, in words.</summary>
    public static string AlphaText(bool index) => index ? "fixed (α_j = j, β_j = (j−1)²)" : "drawn from N(0, 1) per data set";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
