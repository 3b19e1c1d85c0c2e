using RecSharp.Bench.Workloads;
using ScottPlot;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// The grid as a PNG image, three panels one above the other: for each task, the final test MSE against the
/// correlation (one line per model, error bars of one standard deviation over the repeats), then every repeat's final
/// test MSE per model at the correlation nearest 0.5 (filled markers task <c>y1</c>, open markers <c>y2</c>), with
/// the mean ± one standard deviation beside them.
/// </summary>
public static class PaperMmoePlot
{
    /// <summary>The image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>The height of one panel in pixels.</summary>
    public const int PanelHeight = 330;

    /// <summary>The correlation whose runs the third panel shows: 0.5, or the grid's nearest to it.</summary>
    public static double SpreadCorrelation(IReadOnlyList<double> correlations)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        return correlations.MinBy(p => Math.Abs(p - 0.5));
    }

    /// <summary>Draws <paramref name="report"/>, <see cref="Width"/> × 3 <see cref="PanelHeight"/> pixels, as PNG bytes.</summary>
    public static byte[] RenderPng(PaperMmoeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var multiplot = new Multiplot();
        multiplot.AddPlots(PaperMmoeModels.TaskNames.Length + 1);
        for (int task = 0; task < PaperMmoeModels.TaskNames.Length; task++) DrawAgainstCorrelation(multiplot.GetPlot(task), report, task);
        DrawSpread(multiplot.GetPlot(PaperMmoeModels.TaskNames.Length), report);
        return multiplot.Render(Width, PanelHeight * (PaperMmoeModels.TaskNames.Length + 1)).GetImageBytes(ImageFormat.Png);
    }

    private static void DrawAgainstCorrelation(Plot plot, PaperMmoeReport report, int task)
    {
        var models = report.Options.Models;
        double[] correlations = [.. report.Options.Correlations.Order()];
        double step = correlations.Length > 1 ? (correlations[^1] - correlations[0]) / 150 : 0.01;
        for (int m = 0; m < models.Count; m++)
        {
            // Each model a little to the side of the others, so that the error bars do not hide each other.
            double[] xs = [.. correlations.Select(p => p + ((m - ((models.Count - 1) / 2.0)) * step))];
            double[] means = [.. correlations.Select(p => report.Losses(models[m], p, task).Average())];
            double[] stds = [.. correlations.Select(p => PaperMmoeReport.SampleStd(report.Losses(models[m], p, task)))];
            var color = plot.Add.Palette.GetColor(m);
            var line = plot.Add.Scatter(xs, means, color);
            line.LegendText = ModelNames.Display(models[m]);
            plot.Add.ErrorBar(xs, means, stds).Color = color;
        }
        plot.Title($"Task {PaperMmoeModels.TaskNames[task]}: final test MSE against the task correlation");
        plot.XLabel("task correlation p");
        plot.YLabel($"test MSE (mean ± sd, {report.Options.Repeats} runs)");
        plot.ShowLegend(Edge.Right);
    }

    private static void DrawSpread(Plot plot, PaperMmoeReport report)
    {
        var models = report.Options.Models;
        double p = SpreadCorrelation(report.Options.Correlations);
        for (int m = 0; m < models.Count; m++)
        {
            var color = plot.Add.Palette.GetColor(m);
            for (int task = 0; task < PaperMmoeModels.TaskNames.Length; task++)
            {
                double[] losses = report.Losses(models[m], p, task);
                double x = m + (task == 0 ? -0.15 : 0.1);
                plot.Add.Markers([.. losses.Select(_ => x)], losses, task == 0 ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, 7, color);
                plot.Add.ErrorBar([x + 0.07], [losses.Average()], [PaperMmoeReport.SampleStd(losses)]).Color = color;
            }
        }
        plot.Axes.Bottom.SetTicks([.. models.Select((_, m) => (double)m)], [.. models.Select(ModelNames.Display)]);
        plot.Axes.SetLimitsX(-0.6, models.Count - 0.4);
        plot.Title($"Final test MSE of every run at p = {p:0.0##} (filled: y1, open: y2; bar: mean ± sd)");
        plot.YLabel("test MSE");
    }
}
