using RecSharp.Serving;

namespace RecSharp.Bench.Serving;

/// <summary>What <c>serve</c> measures; every property has the default of a full (non-dry) run.</summary>
internal sealed record ServeBenchOptions
{
    /// <summary>A run folder to serve; null trains the census experiment with <c>recsharp train</c>.</summary>
    public string? ModelPath { get; init; }

    /// <summary>The file whose rows the requests carry; null: the run's data file, or the shared census file.</summary>
    public string? DataPath { get; init; }

    /// <summary>The backends measured, one server each.</summary>
    public IReadOnlyList<PredictorBackend> Backends { get; init; } = [PredictorBackend.Torch, PredictorBackend.Onnx];

    /// <summary>The concurrency levels: clients sending requests one after the other.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 64];

    /// <summary>The rows of a candidate request (one-row requests are always measured too).</summary>
    public int Candidates { get; init; } = 100;

    /// <summary>Requests per measurement, unless <see cref="Seconds"/> run out first.</summary>
    public int Requests { get; init; } = 5_000;

    /// <summary>The time limit of one measurement.</summary>
    public double Seconds { get; init; } = 15;

    /// <summary>Untimed requests of each kind before a server's first measurement.</summary>
    public int WarmupRequests { get; init; } = 300;

    /// <summary>libtorch's intra-op threads and ONNX Runtime's; null keeps their defaults.</summary>
    public int? Threads { get; init; }

    /// <summary>The server's batch size.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>The server's batching delay.</summary>
    public double MaxDelayMs { get; init; } = 2;

    /// <summary>Print the result as one JSON line before the table.</summary>
    public bool Json { get; init; }

    /// <summary>Where to save the result: <c>&lt;stem&gt;.json</c> and <c>&lt;stem&gt;.md</c>.</summary>
    public string? OutPath { get; init; }

    /// <summary>A quick run that only proves the benchmark works: a model trained on a sample, few requests.</summary>
    public bool DryRun { get; init; }

    /// <summary>The rows of the census sample a dry run trains on when no run folder is given.</summary>
    public int SampleRows { get; init; } = 3_000;

    /// <summary>The same options shrunk for a dry run; options given after it still apply.</summary>
    public ServeBenchOptions AsDryRun() => this with { DryRun = true, Requests = 40, Seconds = 10, WarmupRequests = 5 };
}
