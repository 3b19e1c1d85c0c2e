using System.Globalization;
using RecSharp.Catalog;
using RecSharp.Application.CommandLine;
using RecSharp.Bench.CommandLine;
using RecSharp.Models;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>Parses the options of <c>paper-mmoe</c>; errors are <see cref="UsageException"/>s.</summary>
internal static class PaperMmoeOptionsParser
{
    private static readonly string[] ValueOptions =
    [
        "--repeats", "--correlations", "--models", "--alpha", "--train-rows", "--test-rows", "--epochs", "--batch",
        "--lr", "--init-std", "--seed", "--threads", "--out",
    ];

    private static readonly string[] Flags = ["--json", "--dry-run"];

    /// <summary>The options of a full run, or of a dry run with <c>--dry-run</c>.</summary>
    public static PaperMmoeOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ValueOptions, Flags);
        var options = new PaperMmoeOptions { Json = parsed.Has("--json") };
        if (parsed.Has("--dry-run")) options = options.AsDryRun();
        return options with
        {
            Repeats = Count(parsed, "--repeats", options.Repeats, minimum: 2),
            Correlations = parsed.Get("--correlations") is { } list ? Correlations(list) : options.Correlations,
            Models = parsed.Get("--models") is { } models ? Models(models) : options.Models,
            IndexAlpha = parsed.Get("--alpha") is { } alpha ? IsIndexAlpha(alpha) : options.IndexAlpha,
            TrainRows = Count(parsed, "--train-rows", options.TrainRows, minimum: 1),
            TestRows = Count(parsed, "--test-rows", options.TestRows, minimum: 1),
            Epochs = Count(parsed, "--epochs", options.Epochs, minimum: 1),
            BatchSize = Count(parsed, "--batch", options.BatchSize, minimum: 1),
            LearningRate = parsed.Get("--lr") is { } lr ? PositiveReal(lr, "--lr") : options.LearningRate,
            InitStd = parsed.Get("--init-std") is { } std ? PositiveReal(std, "--init-std") : options.InitStd,
            FirstSeed = Count(parsed, "--seed", options.FirstSeed, minimum: 0),
            Threads = Count(parsed, "--threads", options.Threads, minimum: 1),
            OutPath = parsed.Get("--out"),
        };
    }

    private static bool IsIndexAlpha(string text) => text switch
    {
        "normal" => false,
        "index" => true,
        _ => throw new UsageException(
            $"unknown --alpha \"{text}\"; use normal (α, β ~ N(0, 1)) or index (α_j = j, β_j = (j−1)²)"),
    };

    private static ModelDefinition[] Models(string list)
    {
        var models = Items(list, "--models").Select(BenchOptionsParser.ParseModel).ToArray();
        if (models.Any(m => m.OptionsType == typeof(EsmmOptions)))
        {
            throw new UsageException(
                "--models: esmm needs a click label implied by another, which these regressions lack");
        }
        return models.Distinct().Count() == models.Length
            ? models
            : throw new UsageException($"--models names a model twice: \"{list}\"");
    }

    private static double[] Correlations(string list)
    {
        var values = Items(list, "--correlations").Select(item =>
            double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p is >= -1 and <= 1
                ? p
                : throw new UsageException($"--correlations: \"{item}\" is not a number in [-1, 1]")).ToArray();
        return values.Distinct().Count() == values.Length
            ? values
            : throw new UsageException($"--correlations names a value twice: \"{list}\"");
    }

    private static string[] Items(string list, string option)
    {
        var items = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length > 0
            ? items
            : throw new UsageException($"{option} needs a comma-separated list, got \"{list}\"");
    }

    private static double PositiveReal(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
            && x > 0 && double.IsFinite(x)
            ? x
            : throw new UsageException($"{option} must be a positive number, got \"{text}\"");

    private static int Count(ParsedArguments parsed, string option, int fallback, int minimum)
    {
        if (parsed.Get(option) is not { } text) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new UsageException($"{option} must be a whole number of at least {minimum}, got \"{text}\"");
    }
}
