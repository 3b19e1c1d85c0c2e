using RecSharp.Training;

namespace RecSharp.Application.Display;

/// <summary>
/// Progress for redirected output: nothing while an epoch runs, then its summary line (no carriage returns, no
/// terminal codes), so logs read line by line and differ between runs only in the timings.
/// </summary>
internal sealed class PlainProgressDisplay : ProgressDisplay
{
    private readonly TextWriter _output;

    /// <summary>Creates the display.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="epochs">The number of epochs the fit runs.</param>
    /// <param name="clock">The clock that times epochs (the system clock by default).</param>
    public PlainProgressDisplay(TextWriter output, int epochs, TimeProvider? clock = null) : base(epochs, clock)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <inheritdoc />
    protected override void EpochStarted(int epoch) { }

    /// <inheritdoc />
    protected override void Advanced(EpochProgress progress, double runningLoss) { }

    /// <inheritdoc />
    protected override void EpochEnded(string summary) => _output.WriteLine(summary);
}
