using RecSharp.Application.Plots;
using RecSharp.Cli.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Callbacks;

namespace RecSharp.Cli.Tests.Plots;

/// <summary>The learning-curve image: which panels and lines a history gives, and the PNG drawn from them.</summary>
public class TrainingCurvesTests
{
    private static History KnownHistory()
    {
        var history = new History();
        for (int epoch = 0; epoch < 4; epoch++)
        {
            history.OnEpochEnd(epoch, new Dictionary<string, double>
            {
                ["click_auc"] = 0.6 + 0.02 * epoch,
                ["spend_auc"] = double.NaN,                  // AUC of a regression task is undefined
                ["click_mse"] = 0.25 - 0.01 * epoch,
                ["spend_mse"] = 1.5 - 0.2 * epoch,
                ["loss"] = 1.0 / (epoch + 1),
                ["val_click_auc"] = epoch == 1 ? double.NaN : 0.58 + 0.03 * epoch,
                ["val_spend_auc"] = double.NaN,
                ["val_click_mse"] = 0.26 - 0.01 * epoch,
                ["val_spend_mse"] = 1.6 - 0.2 * epoch,
                ["val_loss"] = 1.1 / (epoch + 1),
            });
        }
        return history;
    }

    [Fact]
    public void PanelsHoldTheLossAndEachTasksValidationMetric()
    {
        var panels = TrainingCurves.Panels(KnownHistory(), ["click", "spend"], ["auc", "mse"]);

        Assert.Equal(["Loss", "Validation auc", "Validation mse"], panels.Select(p => p.Title));
        Assert.Equal(["training", "validation"], panels[0].Series.Select(s => s.Name));
        Assert.Equal([1.0, 2, 3, 4], panels[0].Series[0].Epochs);
        Assert.Equal([1.0, 0.5, 1.0 / 3, 0.25], panels[0].Series[0].Values);
        // The undefined spend AUC has no line; click's undefined epoch 2 is left out of its line.
        var auc = Assert.Single(panels[1].Series);
        Assert.Equal("click", auc.Name);
        Assert.Equal([1.0, 3, 4], auc.Epochs);
        Assert.Equal([0.58, 0.64, 0.67], auc.Values, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(["click", "spend"], panels[2].Series.Select(s => s.Name));
        Assert.Equal("mse", panels[2].YLabel);
    }

    [Fact]
    public void WithoutValidationRowsThePanelsShowTrainingMetrics()
    {
        var history = new History();
        history.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.7, ["click_auc"] = 0.6 });

        var panels = TrainingCurves.Panels(history, ["click"], ["auc"]);

        Assert.Equal(["Loss", "Training auc"], panels.Select(p => p.Title));
        Assert.Equal(["training"], panels[0].Series.Select(s => s.Name));
    }

    [Fact]
    public void TheImageIsAPngOfOnePanelHeightPerPanel()
    {
        var panels = TrainingCurves.Panels(KnownHistory(), ["click", "spend"], ["auc", "mse"]);

        byte[] png = TrainingCurves.RenderPng(panels);

        Assert.True(PngFile.HasSignature(png));
        Assert.Equal((TrainingCurves.Width, 3 * TrainingCurves.PanelHeight), PngFile.Size(png));
        var (colours, drawn) = PngFile.Ink(png);
        Assert.True(colours >= 16, $"only {colours} colours: the lines were not drawn");
        Assert.InRange(drawn, 0.01, 0.9);
    }

    [Fact]
    public void OneEpochShowsTheRunningLossAfterEachBatch()
    {
        var history = new History();
        history.OnEpochEnd(0, new Dictionary<string, double> 
        {
            ["loss"] = 0.4, ["val_loss"] = 0.45, ["val_click_auc"] = 0.7,
        });
        var recorder = new RunningLossRecorder();
        recorder.OnEpochBegin(0);
        foreach (var (rows, loss) in new[] { (25.0, 0.7), (50.0, 0.6), (75.0, 0.5), (100.0, 0.4) })
        {
            recorder.OnBatchEnd(0, new Dictionary<string, double>
            {
                [BatchLogKeys.Rows] = rows, [BatchLogKeys.EpochRows] = 100, [BatchLogKeys.RunningLoss] = loss,
            });
        }

        var panels = TrainingCurves.Panels(history, ["click"], ["auc"], recorder.Points);

        var running = panels[0].Series[0];
        Assert.Equal("training (running mean)", running.Name);
        Assert.Equal([0.25, 0.5, 0.75, 1.0], running.Epochs);
        Assert.Equal([0.7, 0.6, 0.5, 0.4], running.Values);
        Assert.False(running.Markers);
        Assert.Equal(["training (running mean)", "validation"], panels[0].Series.Select(s => s.Name));
        Assert.Equal((0.0, 1.5), TrainingCurves.XLimits(panels[0]));
        Assert.True(PngFile.HasSignature(TrainingCurves.RenderPng(panels)));
    }

    [Theory]
    [InlineData(0.02, 0.0, 0.07)]          // a single small loss: the margin would go below 0
    [InlineData(0.5, 0.45, 0.55)]          // a single value: a tenth of it either side
    public void AnAxisNeverLeavesItsQuantitysRange(double loss, double bottom, double top)
    {
        var panel = new CurvePanel("Loss", "loss per row", [new CurveSeries("training", [1.0], [loss])]);

        var (low, high) = TrainingCurves.YLimits(panel);

        Assert.Equal(bottom, low, 12);
        Assert.Equal(top, high, 12);
    }

    [Fact]
    public void AucAxesStayWithinZeroAndOne()
    {
        var history = new History();
        history.OnEpochEnd(0, new Dictionary<string, double>
        {
            ["loss"] = 0.3, ["click_auc"] = 0.99, ["spend_mse"] = 0.01,
        });

        var panels = TrainingCurves.Panels(history, ["click", "spend"], ["auc", "mse"]);

        var (bottom, top) = TrainingCurves.YLimits(panels[1]);
        Assert.Equal(0.891, bottom, 12);                                 // 0.99 less a tenth of itself
        Assert.Equal(1.0, top);                                          // not 0.99 plus a tenth
        Assert.Equal(0.0, TrainingCurves.YLimits(panels[2]).Bottom);
        Assert.Equal((0.5, 1.5), TrainingCurves.XLimits(panels[1]));
    }

    [Fact]
    public void NothingToDrawIsAnError() =>
        Assert.Throws<ArgumentException>(() => TrainingCurves.RenderPng([]));
}
