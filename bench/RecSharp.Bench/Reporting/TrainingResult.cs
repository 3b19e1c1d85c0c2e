namespace RecSharp.Bench.Reporting;

/// <summary>Training speed.</summary>
/// <param name="RowsPerSecond">Rows per second over the timed steps (after the warm-up; see
/// <c>TrainingClock</c>).</param>
/// <param name="TimedRows">Rows of the timed steps.</param>
/// <param name="TimedSeconds">Seconds of the timed steps.</param>
/// <param name="FitSeconds">Wall time of the whole <c>Fit</c> call: input conversion, warm-up and epoch-end metrics
/// included.</param>
/// <param name="Mfu">Model FLOP utilisation: training FLOPs per row × rows per second ÷ the matmul peak.</param>
/// <param name="CpuSeconds">CPU seconds of the process (all threads) over the timed steps.</param>
internal sealed record TrainingResult(double RowsPerSecond, long TimedRows, double TimedSeconds, double FitSeconds,
    double Mfu,
    double CpuSeconds)
{
    /// <summary>Rows per CPU second of the timed steps: at one thread, the step rate without other processes'
    /// share.</summary>
    public double RowsPerCpuSecond => CpuSeconds > 0 ? TimedRows / CpuSeconds : 0;

    /// <summary>Rows per second over the whole <c>Fit</c>.</summary>
    public double FitRowsPerSecond(long trainRows) => FitSeconds > 0 ? trainRows / FitSeconds : 0;
}
