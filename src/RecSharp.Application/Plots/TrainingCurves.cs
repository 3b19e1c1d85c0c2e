using RecSharp.Catalog;
using RecSharp.Training;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace RecSharp.Application.Plots;

/// <summary>
/// The learning curves of a fit as a PNG image, epochs done on the x axis: a panel for the loss per row (training, as
/// the running mean after every batch when those were recorded, so even one epoch shows a curve; and validation when
/// rows were held out) and a panel per metric with a line per task (the validation values when rows were held out,
/// the training values otherwise; a task with a single value shows it in the legend). Undefined values (NaN) are left
/// out; a metric with no defined value on any task gets no panel. No axis reaches outside its quantity's range.
/// </summary>
internal static class TrainingCurves
{
    /// <summary>The image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>The height of one panel in pixels.</summary>
    public const int PanelHeight = 300;

    /// <summary>The image height for <paramref name="panels"/> panels.</summary>
    public static int Height(int panels) => PanelHeight * panels;

    /// <summary>
    /// Whether text can be drawn: Skia found at least one font. On Linux it looks in <c>/usr/share/fonts</c>; without
    /// a font the curves are still drawn, without titles, labels or legend text.
    /// </summary>
    public static bool CanDrawText => SKFontManager.Default.FontFamilies.Any(f => !string.IsNullOrEmpty(f));

    /// <summary>The panels of <paramref name="history"/> for the given task and (resolved) metric names.</summary>
    /// <param name="history">The fit's per-epoch logs.</param>
    /// <param name="tasks">The task names.</param>
    /// <param name="metrics">The metric names.</param>
    /// <param name="runningLoss">The loss after each batch (<see cref="RunningLossRecorder"/>), or null.</param>
    public static IReadOnlyList<CurvePanel> Panels(History history, IReadOnlyList<string> tasks,
        IReadOnlyList<string> metrics, IReadOnlyList<(double Epochs, double Loss)>? runningLoss = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        double[] epochs = history.Epochs.Select(e => e + 1.0).ToArray();
        var loss = Series(history, epochs, [("training", "loss"), ("validation", "val_loss")]);
        if (runningLoss is { Count: > 0 })
        {
            loss.RemoveAll(s => s.Name == "training");
            loss.Insert(0, new CurveSeries("training (running mean)", runningLoss.Select(p => p.Epochs).ToArray(),
                runningLoss.Select(p => p.Loss).ToArray(), Markers: false));
        }
        var panels = new List<CurvePanel> { new("Loss", "loss per row", loss) };
        foreach (var metric in metrics)
        {
            bool validated = tasks.Any(t => history.Values.ContainsKey($"val_{t}_{metric}"));
            string prefix = validated ? "val_" : "";
            var series = Series(history, epochs, tasks.Select(t => (t, $"{prefix}{t}_{metric}")).ToArray());
            double highest = TrainingNames.FractionMetrics.Contains(metric) ? 1 : double.PositiveInfinity;
            string title = $"{(validated ? "Validation" : "Training")} {metric}";
            if (series.Count > 0) panels.Add(new CurvePanel(title, metric, series, 0, highest));
        }
        return panels;
    }

    /// <summary>
    /// The y axis of <paramref name="panel"/>: its values with a margin, within the quantity's range (a single value
    /// gets a margin of a tenth of itself, at least 0.05).
    /// </summary>
    public static (double Bottom, double Top) YLimits(CurvePanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var values = panel.Series.SelectMany(s => s.Values).ToArray();
        if (values.Length == 0)
            return (panel.Lowest, double.IsFinite(panel.Highest) ? panel.Highest : panel.Lowest + 1);
        double low = values.Min(), high = values.Max();
        double margin = high > low ? 0.1 * (high - low) : Math.Max(0.1 * Math.Abs(high), 0.05);
        return (Math.Max(low - margin, panel.Lowest), Math.Min(high + margin, panel.Highest));
    }

    /// <summary>The x axis of <paramref name="panel"/>: half an epoch beyond its points, not before epoch 0.</summary>
    public static (double Left, double Right) XLimits(CurvePanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var epochs = panel.Series.SelectMany(s => s.Epochs).DefaultIfEmpty(1).ToArray();
        return (Math.Max(0, epochs.Min() - 0.5), epochs.Max() + 0.5);
    }

    /// <summary>Draws the panels one above the other, <see cref="Width"/> × <see cref="Height"/> pixels, as PNG
    /// bytes.</summary>
    public static byte[] RenderPng(IReadOnlyList<CurvePanel> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("there are no panels to draw", nameof(panels));
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        string? font = SansFont();
        for (int i = 0; i < panels.Count; i++) Draw(multiplot.GetPlot(i), panels[i], font);
        return multiplot.Render(Width, Height(panels.Count)).GetImageBytes(ImageFormat.Png);
    }

    private static void Draw(Plot plot, CurvePanel panel, string? font)
    {
        plot.Title(panel.Title);
        plot.XLabel("epoch");
        plot.YLabel(panel.YLabel);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        foreach (var series in panel.Series)
        {
            var line = plot.Add.Scatter(series.Epochs.ToArray(), series.Values.ToArray());
            line.LegendText = series.Values.Count == 1
                ? $"{series.Name}: {series.Values[0].ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}"
                : series.Name;
            if (!series.Markers) line.MarkerSize = 0;
        }
        var (left, right) = XLimits(panel);
        var (bottom, top) = YLimits(panel);
        plot.Axes.SetLimits(left, right, bottom, top);
        plot.ShowLegend(Edge.Right);
        if (font is not null) plot.Font.Set(font);
    }

    // Each named series that exists in the history, with its undefined values left out; series with no value left are
    // dropped.
    private static List<CurveSeries> Series(History history, double[] epochs, (string Name, string Key)[] keys)
    {
        var result = new List<CurveSeries>();
        foreach (var (name, key) in keys)
        {
            if (!history.Values.TryGetValue(key, out var values)) continue;
            int[] defined = Enumerable.Range(0, Math.Min(values.Count, epochs.Length))
                .Where(i => double.IsFinite(values[i])).ToArray();
            if (defined.Length > 0)
            {
                result.Add(new CurveSeries(name, defined.Select(i => epochs[i]).ToArray(),
                    defined.Select(i => values[i]).ToArray()));
            }
        }
        return result;
    }

    // A sans-serif family when one is installed (DejaVu Sans first); null leaves ScottPlot's own choice.
    private static string? SansFont()
    {
        var families = SKFontManager.Default.FontFamilies.Where(f => !string.IsNullOrEmpty(f)).ToArray();
        return families.FirstOrDefault(f => f == "DejaVu Sans")
            ?? families.FirstOrDefault(f =>
                f.Contains("Sans", StringComparison.Ordinal) && !f.Contains("Mono", StringComparison.Ordinal));
    }
}
