using System.Globalization;
using RecSharp.Catalog;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// The grid as a PNG image, four panels one above the other: for each task, the final test MSE against the
/// correlation (one line per model, error bars of one standard deviation over the repeats); the change of the mean
/// MSE of both tasks from the highest correlation, seed by seed (<see cref="PaperMmoeReport.ChangeFromReference"/>);
/// then every repeat's final test MSE per model at the correlation nearest 0.5 on a log scale (filled markers task
/// <c>y1</c>, open markers <c>y2</c>), with the mean beside them.
/// </summary>
internal static class PaperMmoePlot
{
    /// <summary>The image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>The height of one panel in pixels.</summary>
    public const int PanelHeight = 330;

    /// <summary>The number of panels.</summary>
    public const int Panels = 4;

    /// <summary>The correlation whose runs the last panel shows: 0.5, or the grid's nearest to it.</summary>
    public static double SpreadCorrelation(IReadOnlyList<double> correlations)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        return correlations.MinBy(p => Math.Abs(p - 0.5));
    }

    /// <summary>
    /// Draws <paramref name="report"/>, <see cref="Width"/> × <see cref="Panels"/> <see cref="PanelHeight"/> pixels,
    /// as PNG bytes.
    /// </summary>
    public static byte[] RenderPng(PaperMmoeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var multiplot = new Multiplot();
        multiplot.AddPlots(Panels);
        for (int task = 0; task < PaperMmoeModels.TaskNames.Length; task++)
        {
            var plot = multiplot.GetPlot(task);
            DrawAgainstCorrelation(plot, report, (model, p) => report.Losses(model, p, task));
            plot.Title($"Task {PaperMmoeModels.TaskNames[task]}: final test MSE against the task correlation");
            plot.YLabel($"test MSE (mean ± sd, {report.Options.Repeats} runs)");
        }
        var change = multiplot.GetPlot(Panels - 2);
        DrawAgainstCorrelation(change, report, report.ChangeFromReference);
        string reference = report.ReferenceCorrelation.ToString("0.0##", CultureInfo.InvariantCulture);
        change.Title($"Both tasks: change of the test MSE from p = {reference}, seed by seed");
        change.YLabel("change of test MSE (mean ± sd)");
        DrawSpread(multiplot.GetPlot(Panels - 1), report);
        return multiplot.Render(Width, PanelHeight * Panels).GetImageBytes(ImageFormat.Png);
    }

    // One line per model through the mean of the values at each correlation, with error bars of one standard deviation.
    private static void DrawAgainstCorrelation(
        Plot plot, PaperMmoeReport report, Func<ModelDefinition, double, double[]> values)
    {
        var models = report.Options.Models;
        double[] correlations = [.. report.Options.Correlations.Order()];
        double step = correlations.Length > 1 ? (correlations[^1] - correlations[0]) / 150 : 0.01;
        for (int m = 0; m < models.Count; m++)
        {
            // Each model a little to the side of the others, so that the error bars do not hide each other.
            double[] xs = [.. correlations.Select(p => p + ((m - ((models.Count - 1) / 2.0)) * step))];
            double[] means = [.. correlations.Select(p => values(models[m], p).Average())];
            double[] stds = [.. correlations.Select(p => PaperMmoeReport.SampleStd(values(models[m], p)))];
            var color = plot.Add.Palette.GetColor(m);
            var line = plot.Add.Scatter(xs, means, color);
            line.LegendText = models[m].Name;
            plot.Add.ErrorBar(xs, means, stds).Color = color;
        }
        plot.XLabel("task correlation p");
        plot.ShowLegend(Edge.Right);
    }

    // Every run's loss on a log scale (one failed run can be 100 times the others), with each model's mean beside them.
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
                var shape = task == 0 ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                double[] xs = [.. losses.Select(_ => x)], logs = [.. losses.Select(Math.Log10)];
                plot.Add.Markers(xs, logs, shape, 7, color);
                double[] meanX = [x + 0.08], meanLog = [Math.Log10(losses.Average())];
                plot.Add.Markers(meanX, meanLog, MarkerShape.HorizontalBar, 14, color);
            }
        }
        plot.Axes.Bottom.SetTicks([.. models.Select((_, m) => (double)m)], [.. models.Select(m => m.Name)]);
        plot.Axes.SetLimitsX(-0.6, models.Count - 0.4);
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };
        string at = p.ToString("0.0##", CultureInfo.InvariantCulture);
        plot.Title($"Final test MSE of every run at p = {at}, log scale (filled: y1, open: y2; dash: mean)");
        plot.YLabel("test MSE");
    }
}
