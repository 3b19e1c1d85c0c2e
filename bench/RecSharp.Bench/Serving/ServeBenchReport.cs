using RecSharp.Bench.Reporting;

namespace RecSharp.Bench.Serving;

/// <summary>The result of <c>serve</c>: what was served, how, on which machine, and every measurement.</summary>
/// <param name="Benchmark">Always <c>serve</c>.</param>
/// <param name="DryRun">Whether this was a dry run (the numbers then only show that the benchmark works).</param>
/// <param name="Model">The model type.</param>
/// <param name="ModelHash">The served model's hash.</param>
/// <param name="Rows">The data file the request rows came from.</param>
/// <param name="MaxBatch">The server's batch size.</param>
/// <param name="MaxDelayMs">The server's batching delay.</param>
/// <param name="OnnxRuntime">The ONNX Runtime version.</param>
/// <param name="Machine">The machine and software versions.</param>
/// <param name="Results">Every measurement, by backend, request size and concurrency.</param>
internal sealed record ServeBenchReport(string Benchmark, bool DryRun, string Model, string ModelHash, string Rows,
    int MaxBatch, double MaxDelayMs, string OnnxRuntime, MachineInfo Machine,
    IReadOnlyList<ServeScenarioResult> Results);
