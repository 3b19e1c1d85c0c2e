using RecSharp.Data.Configuration.Yaml;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads and validates the <c>training</c> section.</summary>
internal static class TrainingSectionParser
{
    /// <summary>The keys a training section may hold.</summary>
    public static readonly string[] Keys =
    [
        "optimizer", "learningRate", "losses", "lossWeights", "metrics", "batchSize", "epochs",
        "validationSplit", "testSplit", "shuffleSeed", "seed", "threads", "earlyStopping", "streaming", "shuffleBuffer",
    ];

    private static readonly string[] EarlyStoppingKeys = ["monitor", "patience", "mode", "minDelta"];

    /// <summary>The optimisers a training section may name.</summary>
    public static readonly string[] Optimizers = ["adam", "adamw", "adagrad", "rmsprop", "sgd"];

    /// <summary>The per-task losses a training section may name.</summary>
    public static readonly string[] Losses = ["binary_crossentropy", "mse", "mae", "huber"];

    /// <summary>The metrics a training section may name.</summary>
    public static readonly string[] Metrics = ["auc", "logloss", "binary_crossentropy", "accuracy", "mse", "mae", "rmse"];

    public static TrainingConfig Parse(
        YamlSection? section, IReadOnlyList<TaskConfig> tasks, bool validationFiles = false)
    {
        if (section is null)
        {
            return new TrainingConfig();
        }

        var defaults = new TrainingConfig();
        var config = new TrainingConfig
        {
            Optimizer = OneOf(section, "optimizer", Optimizers) ?? defaults.Optimizer,
            LearningRate = Check(section, "learningRate", section.Double("learningRate"), v => v > 0, "positive"),
            Losses = ParseLosses(section, tasks),
            LossWeights = ParseLossWeights(section, tasks),
            Metrics = ParseMetrics(section) ?? defaults.Metrics,
            BatchSize = Check(section, "batchSize", section.Int("batchSize"), v => v > 0, "positive") ?? defaults.BatchSize,
            Epochs = Check(section, "epochs", section.Int("epochs"), v => v > 0, "positive") ?? defaults.Epochs,
            ValidationSplit = Check(section, "validationSplit", section.Double("validationSplit"), v => v is >= 0 and < 1, "in [0, 1)") ?? 0,
            TestSplit = Check(section, "testSplit", section.Double("testSplit"), v => v is >= 0 and < 1, "in [0, 1)") ?? defaults.TestSplit,
            ShuffleSeed = section.Int("shuffleSeed") ?? defaults.ShuffleSeed,
            Seed = section.Int("seed") ?? defaults.Seed,
            Threads = Check(section, "threads", section.Int("threads"), v => v > 0, "positive"),
            Streaming = section.Bool("streaming"),
            ShuffleBuffer = Check(section, "shuffleBuffer", section.Int("shuffleBuffer"), v => v > 0, "positive")
                ?? defaults.ShuffleBuffer,
        };

        return config with { EarlyStopping = ParseEarlyStopping(section, config, validationFiles) };
    }

    private static IReadOnlyList<string>? ParseLosses(YamlSection section, IReadOnlyList<TaskConfig> tasks)
    {
        var losses = section.StringList("losses")?.Select(l => l.ToLowerInvariant()).ToArray();
        if (losses is null)
        {
            return null;
        }

        if (losses.Length != tasks.Count)
        {
            throw section.ErrorAt("losses", $"'training.losses' lists {losses.Length} losses for {tasks.Count} tasks");
        }

        for (var i = 0; i < losses.Length; i++)
        {
            if (!Losses.Contains(losses[i]))
            {
                throw section.ErrorAt("losses", $"'training.losses[{i}]' must be one of {string.Join(", ", Losses)}, got '{losses[i]}'");
            }

            if (losses[i] == "binary_crossentropy" && tasks[i].Type != TaskType.Binary)
            {
                throw section.ErrorAt("losses", $"'training.losses[{i}]' is binary_crossentropy but task '{tasks[i].Name}' is a regression");
            }
        }

        return losses;
    }

    private static IReadOnlyList<double>? ParseLossWeights(YamlSection section, IReadOnlyList<TaskConfig> tasks)
    {
        var weights = section.DoubleList("lossWeights");
        if (weights is null)
        {
            return null;
        }

        if (weights.Count != tasks.Count)
        {
            throw section.ErrorAt("lossWeights", $"'training.lossWeights' lists {weights.Count} weights for {tasks.Count} tasks");
        }

        return weights.Any(w => w < 0)
            ? throw section.ErrorAt("lossWeights", "'training.lossWeights' must not be negative")
            : weights;
    }

    private static IReadOnlyList<string>? ParseMetrics(YamlSection section)
    {
        var metrics = section.StringList("metrics")?.Select(m => m.ToLowerInvariant()).ToArray();
        var unknown = metrics?.FirstOrDefault(m => !Metrics.Contains(m));
        return unknown is null
            ? metrics
            : throw section.ErrorAt("metrics", $"unknown metric '{unknown}' in 'training.metrics' (allowed: {string.Join(", ", Metrics)})");
    }

    private static EarlyStoppingConfig? ParseEarlyStopping(
        YamlSection training, TrainingConfig config, bool validationFiles)
    {
        var section = training.Section("earlyStopping", EarlyStoppingKeys);
        if (section is null)
        {
            return null;
        }

        var defaults = new EarlyStoppingConfig();
        var result = new EarlyStoppingConfig
        {
            Monitor = section.String("monitor") ?? defaults.Monitor,
            Patience = Check(section, "patience", section.Int("patience"), v => v >= 0, "non-negative") ?? 0,
            Mode = OneOf(section, "mode", ["min", "max", "auto"]) ?? defaults.Mode,
            MinDelta = Check(section, "minDelta", section.Double("minDelta"), v => v >= 0, "non-negative") ?? 0,
        };

        if (result.Monitor.StartsWith("val_", StringComparison.Ordinal) && config.ValidationSplit <= 0
            && !validationFiles)
        {
            throw section.ErrorAt("monitor", $"'training.earlyStopping.monitor' is '{result.Monitor}' but "
                + "'training.validationSplit' is 0; set a validation split or data.validationPath");
        }

        return result;
    }

    private static string? OneOf(YamlSection section, string key, string[] allowed)
    {
        var value = section.String(key)?.ToLowerInvariant();
        return value is null || allowed.Contains(value)
            ? value
            : throw section.ErrorAt(key, $"'{section.Qualified(key)}' must be one of {string.Join(", ", allowed)}, got '{value}'");
    }

    private static T? Check<T>(YamlSection section, string key, T? value, Func<T, bool> valid, string expectation)
        where T : struct
        => value is not { } v || valid(v)
            ? value
            : throw section.ErrorAt(key, $"'{section.Qualified(key)}' must be {expectation}, got {v}");
}
