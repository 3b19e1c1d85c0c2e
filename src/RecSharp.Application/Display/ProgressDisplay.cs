using RecSharp.Training;
using RecSharp.Training.Callbacks;

namespace RecSharp.Application.Display;

/// <summary>
/// The training progress of <c>recsharp train</c>: a callback passed to <c>Fit</c> (which then prints nothing itself)
/// that follows each epoch's rows, throughput, time left and running loss from the batch logs, and ends each epoch
/// with a summary line. <see cref="For"/> picks the live bar on a terminal and plain lines elsewhere.
/// </summary>
internal abstract class ProgressDisplay : Callback
{
    private readonly TimeProvider _clock;
    private long _epochStart;
    private EpochProgress _training;

    /// <summary>Creates the display.</summary>
    /// <param name="epochs">The number of epochs the fit runs (for <c>Epoch i/n</c>).</param>
    /// <param name="clock">The clock that times epochs (the system clock by default).</param>
    protected ProgressDisplay(int epochs, TimeProvider? clock)
    {
        Epochs = epochs;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The number of epochs the fit runs.</summary>
    public int Epochs { get; }

    /// <summary>The live bar on an interactive terminal, one line per epoch otherwise.</summary>
    public static ProgressDisplay For(CliOutput output, int epochs, TimeProvider? clock = null) =>
        output.Terminal is { } terminal ? new LiveProgressDisplay(terminal, epochs, clock)
            : new PlainProgressDisplay(output.Writer, epochs, clock);

    /// <summary>Runs the fit that reports to this display (inside the live display where there is one).</summary>
    public virtual T Run<T>(Func<T> fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return fit();
    }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch)
    {
        _epochStart = _clock.GetTimestamp();
        _training = default;
        EpochStarted(epoch);
    }

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        _training = new EpochProgress((long)logs[BatchLogKeys.Rows], (long)logs[BatchLogKeys.EpochRows],
            _clock.GetElapsedTime(_epochStart));
        Advanced(_training, logs[BatchLogKeys.RunningLoss]);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) =>
        EpochEnded(ProgressText.Summary(epoch, Epochs, _clock.GetElapsedTime(_epochStart), _training, logs));

    /// <summary>An epoch (zero-based) begins.</summary>
    protected abstract void EpochStarted(int epoch);

    /// <summary>A batch is done: the epoch's progress so far and its running loss.</summary>
    protected abstract void Advanced(EpochProgress progress, double runningLoss);

    /// <summary>The epoch is done, validated, and summarised in one line.</summary>
    protected abstract void EpochEnded(string summary);
}
