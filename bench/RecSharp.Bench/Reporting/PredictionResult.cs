namespace RecSharp.Bench.Reporting;

/// <summary>Prediction speed, from arrays to scores as an application calls <c>Predict</c>.</summary>
/// <param name="BatchSize">Batch size of the throughput.</param>
/// <param name="RowsPerSecond">Rows per second over whole passes on the test rows.</param>
/// <param name="Mfu">Model FLOP utilisation: forward FLOPs per row × rows per second ÷ the matmul peak.</param>
/// <param name="LatencyCalls">Timed single-row calls.</param>
/// <param name="LatencyP50Ms">Median single-row latency, ms.</param>
/// <param name="LatencyP99Ms">99th-percentile single-row latency, ms.</param>
/// <param name="LatencyMeanMs">Mean single-row latency, ms.</param>
internal sealed record PredictionResult(int BatchSize, double RowsPerSecond, double Mfu, int LatencyCalls,
    double LatencyP50Ms,
    double LatencyP99Ms, double LatencyMeanMs);
