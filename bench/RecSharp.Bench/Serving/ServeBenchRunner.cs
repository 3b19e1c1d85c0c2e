using Microsoft.ML.OnnxRuntime;
using RecSharp.Bench.Measurement;
using RecSharp.Bench.Reporting;
using RecSharp.Runtime;
using RecSharp.Serving;
using RecSharp.Serving.Http;
using static TorchSharp.torch;

namespace RecSharp.Bench.Serving;

/// <summary>
/// The serving benchmark: per backend, a <see cref="PredictionServer"/> on a loopback port, warmed up, then loaded
/// with one-row and candidate requests at each concurrency by a <see cref="LoadGenerator"/> in this process.
/// </summary>
internal static class ServeBenchRunner
{
    private static readonly string[] Stages = ["read", "encode", "queue", "score", "write"];

    // Distinct bodies to send in turn: enough that requests do not repeat one row.
    private const int OneRowBodies = 2_000;
    private const int CandidateBodies = 100;

    /// <summary>
    /// Runs the benchmark <paramref name="options"/> describe; progress goes to <paramref name="log"/>.
    /// </summary>
    public static async Task<ServeBenchReport> RunAsync(ServeBenchOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        TorchRuntime.EnsureLoaded();
        if (options.Threads is { } threads) set_num_threads(threads);
        using var run = ServedRun.Prepare(options, log);
        log.WriteLine($"building requests from {run.DataPath}");
        var shapes = new[]
        {
            (Rows: 1, Bodies: RequestBodies.Build(run.Folder, run.DataPath, 1, OneRowBodies)),
            (Rows: options.Candidates,
             Bodies: RequestBodies.Build(run.Folder, run.DataPath, options.Candidates, CandidateBodies)),
        };
        var limit = TimeSpan.FromSeconds(options.Seconds);
        var results = new List<ServeScenarioResult>();
        ModelInfo? model = null;
        foreach (var backend in options.Backends)
        {
            await using var server = await PredictionServer.StartAsync(new ServerOptions
            {
                ModelPath = run.Folder,
                Port = 0,
                Backend = backend,
                Threads = options.Threads,
                MaxBatch = options.MaxBatch,
                MaxDelay = TimeSpan.FromMilliseconds(options.MaxDelayMs),
            }, TextWriter.Null);
            model = server.Model;
            string name = backend.ToString().ToLowerInvariant();
            foreach (var (rows, bodies) in shapes)
            {
                using (var warmup = new LoadGenerator(server.Address, 8))
                    await warmup.RunAsync(bodies, options.WarmupRequests, limit);
                foreach (int concurrency in options.Concurrency)
                {
                    var result = await MeasureAsync(server.Address, name, rows, bodies, concurrency, options.Requests,
                        limit);
                    log.WriteLine($"{name}, {rows} rows per request, concurrency {concurrency}: "
                        + $"{result.RequestsPerSecond:N0} requests/s, p50 {result.P50Ms:F3} ms, "
                        + $"p99 {result.P99Ms:F3} ms"
                        + (result.FirstFailure is { } failure ? $"; {result.Failed} failed, first: {failure}" : ""));
                    results.Add(result);
                }
            }
        }
        return new ServeBenchReport("serve", options.DryRun, model!.Type, model.Hash, run.DataPath, options.MaxBatch,
            options.MaxDelayMs, OrtEnv.Instance().GetVersionString(), MachineInfo.Collect(), results);
    }

    private static async Task<ServeScenarioResult> MeasureAsync(Uri server, string backend, int rows, byte[][] bodies,
        int concurrency, int requests, TimeSpan limit)
    {
        using var load = new LoadGenerator(server, concurrency);
        var before = await ServerSums(load);
        var (latencies, failed, firstFailure, seconds) = await load.RunAsync(bodies, requests, limit);
        var after = await ServerSums(load);
        double Mean(string key, double scale) => after[key].Count > before[key].Count
            ? (after[key].Sum - before[key].Sum) / (after[key].Count - before[key].Count) * scale
            : 0;
        var sorted = latencies.Order().ToArray();
        double Percentile(double percent) => LatencySummary.Percentile(sorted, percent);
        return new ServeScenarioResult(backend, rows, concurrency, sorted.Length, failed, seconds,
            sorted.Length / seconds, (sorted.Length - failed) * (double)rows / seconds, Percentile(50), Percentile(99),
            Percentile(99.9), Mean("batch", 1), firstFailure, Stages.ToDictionary(s => s, s => Mean(s, 1000)));
    }

    // The server's batch-size and stage histograms (sums and counts), to difference across a measurement.
    private static async Task<Dictionary<string, (double Sum, double Count)>> ServerSums(LoadGenerator load)
    {
        var sums = new Dictionary<string, (double Sum, double Count)>
        {
            ["batch"] = await load.HistogramAsync("recsharp_batch_rows"),
        };
        foreach (string stage in Stages)
            sums[stage] = await load.HistogramAsync("recsharp_predict_stage_seconds", $"{{stage=\"{stage}\"}}");
        return sums;
    }
}
