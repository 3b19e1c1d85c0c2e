using System.Globalization;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Serving;
using RecSharp.Serving.Http;
using TorchSharp;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp serve</c>: a run's model behind HTTP, until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp serve --model runs/name [--port 8080] [--host 127.0.0.1] [--backend torch|onnx] [--max-batch 256]
                       [--max-delay-ms 2] [--max-body-bytes 8388608] [--max-rows 10000] [--max-queue-rows 65536]
                       [--threads N] [--watch]

        Serves the run's model (or an ONNX file from recsharp export, with preprocessing.json beside it):
          POST /v1/predict  {"rows": [{"column": value, ...}, ...]} with raw values as in the training data
                            -> {"predictions": [{"task": score, ...}, ...], "model": "sha256:..."}
          GET  /healthz, /readyz, /v1/model, /metrics (Prometheus)    POST /v1/reload
        Concurrent requests are scored together, up to --max-batch rows, waiting at most --max-delay-ms for requests
        still arriving; when --max-queue-rows rows wait, requests are answered 503. --threads sets libtorch's and ONNX
        Runtime's threads (1 leaves a core to HTTP on a two-core machine). --watch reloads the model when its files
        change. SIGINT or SIGTERM stops accepting, answers the requests in flight and exits with 0.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args,
            ["--model", "--port", "--host", "--backend", "--max-batch", "--max-delay-ms", "--max-body-bytes",
             "--max-rows", "--max-queue-rows", "--threads"],
            ["--watch", "--verbose"]);
        var defaults = new ServerOptions { ModelPath = parsed.Require("--model") };
        var options = defaults with
        {
            Host = parsed.Get("--host") ?? defaults.Host,
            Port = Number(parsed, "--port") ?? defaults.Port,
            Backend = parsed.Get("--backend") is { } backend ? Backend(backend) : null,
            MaxBatch = Number(parsed, "--max-batch") ?? defaults.MaxBatch,
            MaxDelay = Number(parsed, "--max-delay-ms") is { } ms ? TimeSpan.FromMilliseconds(ms) : defaults.MaxDelay,
            MaxBodyBytes = Number(parsed, "--max-body-bytes") ?? defaults.MaxBodyBytes,
            MaxRows = Number(parsed, "--max-rows") ?? defaults.MaxRows,
            MaxQueueRows = Number(parsed, "--max-queue-rows") ?? defaults.MaxQueueRows,
            Threads = Number(parsed, "--threads"),
            Watch = parsed.Has("--watch"),
        };
        if (options.Problem() is { } problem) throw new UsageException(problem);
        if (options.Threads is { } threads) torch.set_num_threads(threads);

        using var stop = StopSignal.Listen();
        var server = PredictionServer.StartAsync(options, output.Writer).GetAwaiter().GetResult();
        var model = server.Model;
        string runsOn = model.Backend.ToString().ToLowerInvariant();
        output.Writer.WriteLine($"Listening on {server.Address} ({model.Type} {model.Hash}, {runsOn} backend; "
            + $"tasks {string.Join(", ", model.Tasks.Select(t => t.Name))})");
        while (stop.Received is null) Thread.Sleep(50);
        output.Writer.WriteLine($"Stopping on {stop.Received}: answering the requests in flight");
        server.StopAsync().GetAwaiter().GetResult();
        output.Writer.WriteLine("Stopped");
        return 0;
    }

    private static PredictorBackend Backend(string name) => name switch
    {
        "torch" => PredictorBackend.Torch,
        "onnx" => PredictorBackend.Onnx,
        _ => throw new UsageException($"--backend must be torch or onnx, got \"{name}\""),
    };

    private static int? Number(ParsedArguments parsed, string option) =>
        parsed.Get(option) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
        : throw new UsageException($"{option} must be a whole number, got \"{text}\"");
}
