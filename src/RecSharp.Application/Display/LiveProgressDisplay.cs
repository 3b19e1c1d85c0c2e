using RecSharp.Training;
using Spectre.Console;

namespace RecSharp.Application.Display;

/// <summary>
/// Progress on an interactive terminal: a Spectre progress bar per epoch with the rows, rows/s, time left and running
/// loss, replaced by the epoch's summary (wrapped to the terminal's width) when it ends.
/// </summary>
internal sealed class LiveProgressDisplay : ProgressDisplay
{
    private readonly IAnsiConsole _console;
    private ProgressContext? _context;
    private ProgressTask? _task;

    /// <summary>Creates the display.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="epochs">The number of epochs the fit runs.</param>
    /// <param name="clock">The clock that times epochs (the system clock by default).</param>
    public LiveProgressDisplay(IAnsiConsole console, int epochs, TimeProvider? clock = null) : base(epochs, clock)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    /// <inheritdoc />
    public override T Run<T>(Func<T> fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return _console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new EpochStatsColumn())
            .Start(context =>
            {
                _context = context;
                try
                {
                    return fit();
                }
                finally
                {
                    _context = null;
                    _task = null;
                }
            });
    }

    /// <inheritdoc />
    protected override void EpochStarted(int epoch) =>
        _task = _context?.AddTask(Markup.Escape(ProgressText.Epoch(epoch, Epochs)), autoStart: true, maxValue: 1);

    /// <inheritdoc />
    protected override void Advanced(EpochProgress progress, double runningLoss)
    {
        if (_task is null) return;
        _task.MaxValue = Math.Max(1, progress.Rows);
        _task.Value = progress.RowsDone;
        _task.Tag = ProgressText.Live(progress, runningLoss);
    }

    /// <inheritdoc />
    protected override void EpochEnded(string summary)
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
            _task = null;
        }
        // Lines that fit the terminal, padded to its width, so that nothing of the bar they are written over remains.
        int width = Math.Max(20, _console.Profile.Width - 1);
        foreach (var line in ProgressText.Wrap(summary, width)) _console.WriteLine(line.PadRight(width));
    }
}
