namespace RecSharp.Bench.Serving;

/// <summary>One measurement: one backend, one request size, one concurrency.</summary>
/// <param name="Backend"><c>torch</c> or <c>onnx</c>.</param>
/// <param name="RowsPerRequest">Rows in each request.</param>
/// <param name="Concurrency">Clients sending requests one after the other.</param>
/// <param name="Requests">Requests answered (any status).</param>
/// <param name="Failed">Requests answered with another status than 200, or not answered.</param>
/// <param name="Seconds">Wall time from the first request sent to the last answer.</param>
/// <param name="RequestsPerSecond">Answered requests per second.</param>
/// <param name="RowsPerSecond">Scored rows per second.</param>
/// <param name="P50Ms">Median latency, from sending a request to reading its whole answer.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="P999Ms">99.9th percentile latency.</param>
/// <param name="RowsPerBatch">The server's mean rows per forward pass during the measurement.</param>
/// <param name="FirstFailure">What went wrong with the first failed request; null when none failed.</param>
/// <param name="StageMs">
/// The server's mean time per request in each stage (<c>read</c>, <c>encode</c>, <c>queue</c>, <c>write</c>) and per
/// forward pass (<c>score</c>), in milliseconds.
/// </param>
internal sealed record ServeScenarioResult(string Backend, int RowsPerRequest, int Concurrency, int Requests,
    int Failed,
    double Seconds, double RequestsPerSecond, double RowsPerSecond, double P50Ms, double P99Ms, double P999Ms,
    double RowsPerBatch, string? FirstFailure, IReadOnlyDictionary<string, double> StageMs);
