namespace RecSharp.Serving.Http;

/// <summary>What a <see cref="PredictionServer"/> serves, where, and within which limits.</summary>
public sealed record ServerOptions
{
    /// <summary>
    /// The run folder (or ONNX file with <c>preprocessing.json</c> beside it) to serve; reloads read it again.
    /// </summary>
    public required string ModelPath { get; init; }

    /// <summary>The address to listen on: an IP address or <c>localhost</c>; default the loopback 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (see <see cref="PredictionServer.Address"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>What runs the model (see <see cref="PredictorOptions.Backend"/>).</summary>
    public PredictorBackend? Backend { get; init; }

    /// <summary>ONNX Runtime's intra-op threads (null: its default).</summary>
    public int? Threads { get; init; }

    /// <summary>The most rows one forward pass takes.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>How long a batch being formed waits for requests still being read.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The largest request body; larger ones are answered 413.</summary>
    public long MaxBodyBytes { get; init; } = 8 << 20;

    /// <summary>The most rows one request may hold; more are answered 413.</summary>
    public int MaxRows { get; init; } = 10_000;

    /// <summary>The most rows waiting to be scored; a request that does not fit is answered 503 at once.</summary>
    public int MaxQueueRows { get; init; } = 65_536;

    /// <summary>Whether a change of the model's files reloads it.</summary>
    public bool Watch { get; init; }

    /// <summary>How often the model's files are checked when <see cref="Watch"/> is set.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long stopping waits for requests in flight.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the limits; returns the first problem, or null.</summary>
    public string? Problem()
    {
        if (Host != "localhost" && !System.Net.IPAddress.TryParse(Host, out _))
            return $"the host must be an IP address or localhost, got \"{Host}\"";
        if (Port is < 0 or > 65_535) return $"the port must be in [0, 65535], got {Port}";
        if (MaxBatch < 1) return $"the batch size must be at least 1, got {MaxBatch}";
        if (MaxDelay < TimeSpan.Zero)
            return $"the batching delay must not be negative, got {MaxDelay.TotalMilliseconds} ms";
        if (MaxBodyBytes < 1) return $"the body limit must be at least 1 byte, got {MaxBodyBytes}";
        if (MaxRows < 1) return $"the row limit must be at least 1, got {MaxRows}";
        if (MaxQueueRows < MaxRows)
            return $"the queue ({MaxQueueRows} rows) must hold at least one request of the row limit ({MaxRows})";
        if (Threads is < 1) return $"threads must be at least 1, got {Threads}";
        return null;
    }
}
