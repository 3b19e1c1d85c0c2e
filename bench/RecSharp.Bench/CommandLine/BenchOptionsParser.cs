using System.Globalization;
using RecSharp.Catalog;
using RecSharp.Application.CommandLine;

namespace RecSharp.Bench.CommandLine;

/// <summary>Parses the options of <c>census</c> and <c>synthetic</c>; errors are <see
/// cref="UsageException"/>s.</summary>
internal static class BenchOptionsParser
{
    private static readonly string[] ValueOptions =
    [
        "--model", "--data", "--config", "--generator", "--rows", "--epochs", "--batch", "--threads",
        "--warmup-batches",
        "--predict-batch", "--predict-seconds", "--latency-calls", "--out",
    ];

    private static readonly string[] Flags = ["--json", "--dry-run"];

    /// <summary>The options of a full run of <paramref name="workload"/>, or of a dry run with
    /// <c>--dry-run</c>.</summary>
    public static BenchOptions Parse(string workload, IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ValueOptions, Flags);
        var options = new BenchOptions { Workload = workload, Json = parsed.Has("--json") };
        if (parsed.Has("--dry-run")) options = options.AsDryRun();
        if (workload != "census" && (parsed.Get("--data") ?? parsed.Get("--config")) is not null)
            throw new UsageException("--data and --config belong to the census workload");
        if (workload != "synthetic" && (parsed.Get("--generator") ?? parsed.Get("--rows")) is not null)
            throw new UsageException("--generator and --rows belong to the synthetic workload");
        int latencyCalls = PositiveInt(parsed, "--latency-calls") ?? options.LatencyCalls;
        if (!options.DryRun && latencyCalls < 1_000)
            throw new UsageException($"--latency-calls must be at least 1000 outside a dry run, got {latencyCalls}");
        return options with
        {
            Model = parsed.Get("--model") is { } model ? ParseModel(model) : null,
            DataPath = parsed.Get("--data"),
            ConfigPath = parsed.Get("--config"),
            Generator = ParseGenerator(parsed.Get("--generator") ?? options.Generator),
            Rows = PositiveInt(parsed, "--rows") ?? options.Rows,
            Epochs = PositiveInt(parsed, "--epochs"),
            BatchSize = PositiveInt(parsed, "--batch"),
            Threads = PositiveInt(parsed, "--threads"),
            WarmupBatches = NonNegativeInt(parsed, "--warmup-batches") ?? options.WarmupBatches,
            PredictBatchSize = PositiveInt(parsed, "--predict-batch") ?? options.PredictBatchSize,
            PredictSeconds = NonNegativeDouble(parsed, "--predict-seconds") ?? options.PredictSeconds,
            LatencyCalls = latencyCalls,
            OutPath = parsed.Get("--out"),
        };
    }

    /// <summary>A model name as <c>--model</c> takes it: ple, cgc, mmoe, sharedbottom (or shared_bottom),
    /// esmm.</summary>
    public static ModelDefinition ParseModel(string name)
    {
        string key = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var names = ModelNames.Models.Select(m => m.Name).ToArray();
        return ModelNames.Models.FirstOrDefault(m => string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException(
                $"unknown model \"{name}\"; use {string.Join(", ", names[..^1])} or {names[^1]}");
    }

    private static string ParseGenerator(string name) => name is "click" or "mmoe"
        ? name
        : throw new UsageException(
            $"unknown generator \"{name}\"; use click (click/conversion) or mmoe (the MMoE paper's regressions)");

    private static int? PositiveInt(ParsedArguments parsed, string option) =>
        NonNegativeInt(parsed, option) is { } n ? n >= 1 ? n
            : throw new UsageException($"{option} must be a positive integer, got {n}") : null;

    private static int? NonNegativeInt(ParsedArguments parsed, string option) =>
        parsed.Get(option) is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
                : throw new UsageException($"{option} must be a whole number, got \"{text}\"")
            : null;

    private static double? NonNegativeDouble(ParsedArguments parsed, string option) =>
        parsed.Get(option) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x >= 0
                && double.IsFinite(x)
                ? x
                : throw new UsageException($"{option} must be a non-negative number, got \"{text}\"")
            : null;
}
