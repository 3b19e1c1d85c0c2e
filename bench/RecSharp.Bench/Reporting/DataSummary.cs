namespace RecSharp.Bench.Reporting;

/// <summary>The rows a run measured on.</summary>
/// <param name="Source">Where they came from.</param>
/// <param name="TrainRows">Training rows.</param>
/// <param name="TestRows">Test rows (metrics, prediction throughput and latency).</param>
/// <param name="InputWidth">Width of the network input (embeddings and dense values).</param>
/// <param name="Tasks">Task names, in output order.</param>
internal sealed record DataSummary(string Source, int TrainRows, int TestRows, long InputWidth,
    IReadOnlyList<string> Tasks);
