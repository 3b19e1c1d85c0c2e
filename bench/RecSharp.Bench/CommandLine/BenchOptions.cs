using RecSharp.Catalog;

namespace RecSharp.Bench.CommandLine;

/// <summary>What one benchmark run measures and how; every property has the default of a full (non-dry) run.</summary>
internal sealed record BenchOptions
{
    /// <summary>The workload: <c>census</c> or <c>synthetic</c>.</summary>
    public required string Workload { get; init; }

    /// <summary>The model type; null keeps the workload's (PLE).</summary>
    public ModelDefinition? Model { get; init; }

    /// <summary>The census data file; null looks for <c>shared/data/census-income.test.gz</c> above the working
    /// folder.</summary>
    public string? DataPath { get; init; }

    /// <summary>An experiment file to run instead of the built-in census experiment.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The synthetic generator: <c>click</c> (click/conversion, binary) or <c>mmoe</c> (the MMoE paper's
    /// regressions).</summary>
    public string Generator { get; init; } = "click";

    /// <summary>Rows the synthetic generator makes (train and test together).</summary>
    public int Rows { get; init; } = 100_000;

    /// <summary>Training epochs; null keeps the workload's (1).</summary>
    public int? Epochs { get; init; }

    /// <summary>Training batch size; null keeps the workload's (256).</summary>
    public int? BatchSize { get; init; }

    /// <summary>libtorch intra-op threads; null keeps libtorch's choice.</summary>
    public int? Threads { get; init; }

    /// <summary>Training steps of the first epoch left out of the throughput.</summary>
    public int WarmupBatches { get; init; } = 20;

    /// <summary>Batch size of the prediction throughput.</summary>
    public int PredictBatchSize { get; init; } = 1024;

    /// <summary>Prediction passes over the test rows repeat until this many seconds have gone by.</summary>
    public double PredictSeconds { get; init; } = 3;

    /// <summary>Timed single-row prediction calls.</summary>
    public int LatencyCalls { get; init; } = 2_000;

    /// <summary>Untimed single-row calls before them.</summary>
    public int LatencyWarmupCalls { get; init; } = 200;

    /// <summary>Untimed products before the peak matmul runs.</summary>
    public int MatmulWarmup { get; init; } = 20;

    /// <summary>Timed runs of the peak matmul, before the benchmark and again after it (the best of all
    /// counts).</summary>
    public int MatmulRuns { get; init; } = 20;

    /// <summary>Products per timed run of the peak matmul.</summary>
    public int MatmulProductsPerRun { get; init; } = 20;

    /// <summary>With a dry run, the largest number of training rows used (test rows: half of it).</summary>
    public int? RowCap { get; init; }

    /// <summary>Print the result as one JSON line before the table.</summary>
    public bool Json { get; init; }

    /// <summary>Where to save the result: <c>&lt;stem&gt;.json</c> and <c>&lt;stem&gt;.md</c>.</summary>
    public string? OutPath { get; init; }

    /// <summary>A quick run that only proves the benchmark works: tiny data, few steps and calls, a tiny matmul
    /// peak.</summary>
    public bool DryRun { get; init; }

    /// <summary>The same options shrunk for a dry run; options given on the command line after it still
    /// apply.</summary>
    public BenchOptions AsDryRun() => this with
    {
        DryRun = true,
        Rows = 3_000,
        RowCap = 2_048,
        WarmupBatches = 2,
        PredictSeconds = 0,
        LatencyCalls = 50,
        LatencyWarmupCalls = 5,
        MatmulWarmup = 2,
        MatmulRuns = 3,
        MatmulProductsPerRun = 2,
    };
}
