using System.Globalization;
using System.Text;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// The report as Markdown: the settings; the final test MSE (mean ± standard deviation over the repeats) per model,
/// task and correlation; and, per model, the change from the highest correlation, seed by seed.
/// </summary>
internal static class PaperMmoeMarkdown
{
    /// <summary>Formats <paramref name="report"/>.</summary>
    public static string Format(PaperMmoeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        AppendSettings(text, report);
        text.AppendLine();
        text.AppendLine("Final test MSE, mean ± standard deviation over the repeats:");
        text.AppendLine();
        var correlations = report.Options.Correlations;
        text.AppendLine("| model (parameters) | task |" + Headers(correlations));
        text.AppendLine("| --- | --- |" + string.Concat(correlations.Select(_ => " --- |")));
        foreach (var model in report.Options.Models)
        {
            for (int task = 0; task < PaperMmoeModels.TaskNames.Length; task++)
            {
                long parameters = report.ParameterCounts.GetValueOrDefault(model);
                string name = PaperMmoeModels.TaskNames[task];
                text.Append(Invariant($"| {model.Name} ({parameters:N0}) | {name} |"));
                foreach (double p in correlations)
                    text.Append(MeanAndSpread(report.Losses(model, p, task), signed: false));
                text.AppendLine();
            }
        }
        AppendChanges(text, report);
        return text.ToString();
    }

    /// <summary>How α and β were chosen, in words.</summary>
    public static string AlphaText(bool index) =>
        index ? "fixed (α_j = j, β_j = (j−1)²)" : "drawn from N(0, 1) per data set";

    private static void AppendSettings(StringBuilder text, PaperMmoeReport report)
    {
        var o = report.Options;
        text.Append(Invariant($"MMoE paper's synthetic experiment: {o.Repeats} repeats × {o.Correlations.Count} "))
            .Append(Invariant($"correlations × {o.Models.Count} models, α, β {AlphaText(o.IndexAlpha)}; "))
            .Append(Invariant($"{o.TrainRows:N0} training and {o.TestRows:N0} test rows, {o.Epochs} epochs of "))
            .Append(Invariant($"batch {o.BatchSize}, Adam (learning rate {o.LearningRate}), weights initialised "))
            .Append(Invariant($"N(0, {o.InitStd}²), seeds {o.FirstSeed}–{o.FirstSeed + o.Repeats - 1}"))
            .AppendLine(o.DryRun ? ", dry run." : ".");
        var models = o.Models.Select(m => $"{m.Name} {PaperMmoeModels.Describe(m)}");
        text.Append("Models, each with a tower of 8 units per task and gates of one linear layer: ")
            .AppendLine(string.Join("; ", models) + ".");
        var machine = report.Machine;
        text.Append(Invariant($"Took {report.Seconds / 60:0.0} min on {machine.Cpu}, {machine.Threads} thread(s), "))
            .Append(Invariant($"load average at the end {machine.LoadAverage}"))
            .AppendLine(Reruns(report.Runs.Sum(r => r.Reruns)));
    }

    // The paired change from the reference correlation, per model: what the lower correlation costs, seed by seed.
    private static void AppendChanges(StringBuilder text, PaperMmoeReport report)
    {
        double reference = report.ReferenceCorrelation;
        double[] lower = [.. report.Options.Correlations.Where(p => p != reference)];
        if (lower.Length == 0) return;
        text.AppendLine();
        text.Append(Invariant($"Change of the test MSE (mean of both tasks) from p = {reference:0.0##}, "))
            .AppendLine("seed by seed, mean ± standard deviation:");
        text.AppendLine();
        text.AppendLine("| model |" + Headers(lower));
        text.AppendLine("| --- |" + string.Concat(lower.Select(_ => " --- |")));
        foreach (var model in report.Options.Models)
        {
            text.Append(Invariant($"| {model.Name} |"));
            foreach (double p in lower)
                text.Append(MeanAndSpread(report.ChangeFromReference(model, p), signed: true));
            text.AppendLine();
        }
    }

    private static string Reruns(int reruns) => reruns == 0
        ? "."
        : Invariant($"; {reruns} fit(s) failed in libtorch and ran again from their seed.");

    private static string Headers(IEnumerable<double> correlations) =>
        string.Concat(correlations.Select(p => Invariant($" p = {p:0.0##} |")));

    private static string MeanAndSpread(double[] values, bool signed)
    {
        string format = signed ? "+0.0000;-0.0000" : "0.0000";
        string mean = values.Average().ToString(format, CultureInfo.InvariantCulture);
        return Invariant($" {mean} ± {PaperMmoeReport.SampleStd(values):0.0000} |");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
