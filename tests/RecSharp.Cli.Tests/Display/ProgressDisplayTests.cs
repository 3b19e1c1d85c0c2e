using RecSharp.Application.Display;
using RecSharp.Cli.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using Spectre.Console;

namespace RecSharp.Cli.Tests.Display;

/// <summary>The training progress of the CLI: its text and arithmetic, driven by hand with a fake clock.</summary>
public class ProgressDisplayTests
{
    private static Dictionary<string, double> Batch(long rows, long epochRows, double runningLoss) => new()
    {
        [BatchLogKeys.Loss] = runningLoss,
        [BatchLogKeys.Size] = 100,
        [BatchLogKeys.Rows] = rows,
        [BatchLogKeys.EpochRows] = epochRows,
        [BatchLogKeys.RunningLoss] = runningLoss,
    };

    // Two epochs of 1,000 rows in batches of 500: each batch takes 0.25 s, validation 0.5 s.
    private static void Train(ProgressDisplay display, FakeClock clock)
    {
        display.OnTrainBegin();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            display.OnEpochBegin(epoch);
            clock.Advance(TimeSpan.FromSeconds(0.25));
            display.OnBatchEnd(0, Batch(500, 1_000, 0.7));
            clock.Advance(TimeSpan.FromSeconds(0.25));
            display.OnBatchEnd(1, Batch(1_000, 1_000, 0.6 - epoch / 10.0));
            clock.Advance(TimeSpan.FromSeconds(0.5));
            display.OnEpochEnd(epoch, new Dictionary<string, double>
            {
                ["click_auc"] = 0.61 + epoch / 100.0,
                ["loss"] = 0.6 - epoch / 10.0,
                ["val_click_auc"] = double.NaN,
            });
        }
        display.OnTrainEnd(new Dictionary<string, double>());
    }

    [Fact]
    public void RedirectedOutputGetsOneDeterministicLinePerEpoch()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        var display = ProgressDisplay.For(new CliOutput(output), epochs: 2, clock);

        Train(display, clock);

        Assert.IsType<PlainProgressDisplay>(display);
        Assert.Equal(
            "Epoch 1/2  1.0s  2,000 rows/s  loss 0.6000  click_auc 0.6100  val_click_auc NaN\n" +
            "Epoch 2/2  1.0s  2,000 rows/s  loss 0.5000  click_auc 0.6200  val_click_auc NaN\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TheLiveTextShowsRowsThroughputTimeLeftAndRunningLoss()
    {
        var progress = new EpochProgress(RowsDone: 3_000, Rows: 12_000, Elapsed: TimeSpan.FromSeconds(1.5));

        Assert.Equal("3,000/12,000 rows  2,000 rows/s  ETA 00:04  loss 0.4321", ProgressText.Live(progress, 0.43214));
        Assert.Equal("--:--", ProgressText.Eta(null));
        Assert.Equal("1:01:01", ProgressText.Eta(TimeSpan.FromSeconds(3661)));
    }

    [Fact]
    public void SummariesWrapAtTheirSeparatorsToFitTheTerminal()
    {
        var lines = ProgressText.Wrap("Epoch 1/2  1.0s  loss 0.6000  click_auc 0.6100", 24);

        Assert.Equal(["Epoch 1/2  1.0s", "  loss 0.6000", "  click_auc 0.6100"], lines);
        Assert.All(lines, l => Assert.True(l.Length <= 24));
        Assert.Equal(["short"], ProgressText.Wrap("short", 24));
    }

    [Fact]
    public void OnATerminalTheSpectreDisplayRunsTheFitAndKeepsTheSummaries()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        var display = ProgressDisplay.For(new CliOutput(TextWriter.Null, console), epochs: 2, clock);

        int result = display.Run(() =>
        {
            Train(display, clock);
            return 42;
        });

        Assert.IsType<LiveProgressDisplay>(display);
        Assert.Equal(42, result);
        Assert.Contains("Epoch 1/2  1.0s  2,000 rows/s  loss 0.6000", output.ToString());
        Assert.Contains("Epoch 2/2  1.0s  2,000 rows/s  loss 0.5000", output.ToString());
    }

    [Fact]
    public void AFailingFitFailsThroughTheLiveDisplayUnchanged()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(new StringWriter()),
        });
        var display = new LiveProgressDisplay(console, epochs: 1);

        var error = Assert.Throws<InvalidOperationException>(
            () => display.Run<int>(() => throw new InvalidOperationException("diverged")));

        Assert.Equal("diverged", error.Message);
    }
}
