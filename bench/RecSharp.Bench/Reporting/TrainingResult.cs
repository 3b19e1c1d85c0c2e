namespace RecSharp.Bench.Reporting;

/// <summary>Training speed.</summary>
/// <param name="RowsPerSecond">Rows per second over the timed steps (after the warm-up; see <c>TrainingClock</c>).</param>
/// <param name="TimedRows">Rows of the timed steps.</param>
/// <param name="TimedSeconds">Seconds of the timed steps.</param>
/// <param name="FitSeconds">Wall time of the whole <c>Fit</c> call: input conversion, warm-up and epoch-end metrics included.</param>
/// <param name="Mfu">Model FLOP utilisation: training FLOPs per row × rows per second ÷ the matmul peak.</param>
internal sealed record TrainingResult(double RowsPerSecond, long TimedRows, double TimedSeconds, double FitSeconds, double Mfu);
