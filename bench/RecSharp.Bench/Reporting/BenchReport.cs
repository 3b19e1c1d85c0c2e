namespace RecSharp.Bench.Reporting;

/// <summary>Everything one benchmark run measured; serialised as one JSON object with snake_case names.</summary>
/// <param name="Benchmark">The workload: <c>census</c>, <c>synthetic</c> or an experiment's name.</param>
/// <param name="Model">The model type.</param>
/// <param name="DryRun">Whether this was a dry run (its numbers only prove the benchmark works).</param>
/// <param name="Data">The rows measured on.</param>
/// <param name="Settings">The settings of the run.</param>
/// <param name="Machine">The machine and the versions.</param>
/// <param name="Training">Training throughput and MFU.</param>
/// <param name="Prediction">Prediction throughput, MFU and single-row latency.</param>
/// <param name="Flops">The analytical FLOP count and the measured matmul peak.</param>
/// <param name="PeakWorkingSetMib">The process's peak working set, MiB.</param>
/// <param name="TestMetrics">Per task, each metric on the test rows (<c>auc</c> and <c>logloss</c> for binary
/// tasks).</param>
internal sealed record BenchReport(
    string Benchmark,
    string Model,
    bool DryRun,
    DataSummary Data,
    RunSettings Settings,
    MachineInfo Machine,
    TrainingResult Training,
    PredictionResult Prediction,
    FlopsResult Flops,
    double PeakWorkingSetMib,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TestMetrics);
