using System.Globalization;
using RecSharp.Application.CommandLine;
using RecSharp.Serving;

namespace RecSharp.Bench.Serving;

/// <summary>Parses the options of <c>serve</c>; errors are <see cref="UsageException"/>s.</summary>
internal static class ServeBenchOptionsParser
{
    private static readonly string[] ValueOptions =
    [
        "--model", "--data", "--backend", "--concurrency", "--candidates", "--requests", "--seconds", "--threads",
        "--max-batch", "--max-delay-ms", "--out",
    ];

    /// <summary>The options of a full run, or of a dry run with <c>--dry-run</c>.</summary>
    public static ServeBenchOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ValueOptions, ["--json", "--dry-run"]);
        var options = new ServeBenchOptions { Json = parsed.Has("--json") };
        if (parsed.Has("--dry-run")) options = options.AsDryRun();
        return options with
        {
            ModelPath = parsed.Get("--model"),
            DataPath = parsed.Get("--data"),
            Backends = parsed.Get("--backend") is { } backends ? List(backends, Backend) : options.Backends,
            Concurrency = parsed.Get("--concurrency") is { } levels
                ? List(levels, l => Positive("--concurrency", l))
                : options.Concurrency,
            Candidates = Value(parsed, "--candidates") ?? options.Candidates,
            Requests = Value(parsed, "--requests") ?? options.Requests,
            Seconds = parsed.Get("--seconds") is { } s ? Seconds(s) : options.Seconds,
            Threads = Value(parsed, "--threads"),
            MaxBatch = Value(parsed, "--max-batch") ?? options.MaxBatch,
            MaxDelayMs = Value(parsed, "--max-delay-ms") ?? options.MaxDelayMs,
            OutPath = parsed.Get("--out"),
        };
    }

    private static T[] List<T>(string text, Func<string, T> parse) =>
        text.Split(',').Select(t => parse(t.Trim())).ToArray();

    private static PredictorBackend Backend(string name) => name switch
    {
        "torch" => PredictorBackend.Torch,
        "onnx" => PredictorBackend.Onnx,
        _ => throw new UsageException($"unknown backend \"{name}\"; use torch, onnx or both (torch,onnx)"),
    };

    private static int? Value(ParsedArguments parsed, string option) =>
        parsed.Get(option) is { } text ? Positive(option, text) : null;

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new UsageException($"{option} must be a positive integer, got \"{text}\"");

    private static double Seconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
        && s > 0 && double.IsFinite(s)
            ? s
            : throw new UsageException($"--seconds must be a positive number, got \"{text}\"");
}
