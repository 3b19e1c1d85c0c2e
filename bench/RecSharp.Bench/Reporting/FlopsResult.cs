namespace RecSharp.Bench.Reporting;

/// <summary>The analytical FLOP count of the model and the measured matmul peak that MFU divides by.</summary>
/// <param name="ForwardPerRow">Forward FLOPs per row.</param>
/// <param name="TrainingPerRow">Training-step FLOPs per row (3 × forward).</param>
/// <param name="Experts">Forward FLOPs per row of the experts (or shared bottom).</param>
/// <param name="Gates">Forward FLOPs per row of the gates.</param>
/// <param name="Mixing">Forward FLOPs per row of the expert mixtures.</param>
/// <param name="Towers">Forward FLOPs per row of the towers.</param>
/// <param name="PeakGflops">The measured float32 matmul peak, GFLOP/s (best run).</param>
/// <param name="MedianGflops">The median matmul run, GFLOP/s.</param>
/// <param name="PeakShape">The product timed for the peak.</param>
/// <param name="PeakRuns">Timed runs of the peak matmul, before and after the benchmark together.</param>
internal sealed record FlopsResult(long ForwardPerRow, long TrainingPerRow, long Experts, long Gates, long Mixing,
    long Towers,
    double PeakGflops, double MedianGflops, string PeakShape, int PeakRuns);
