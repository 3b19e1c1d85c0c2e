using RecSharp.Catalog;
using RecSharp.Data.Configuration.Yaml;
using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads and validates the <c>training</c> section.</summary>
internal static class TrainingSectionParser
{
    /// <summary>The keys a training section may hold.</summary>
    public static readonly string[] Keys =
    [
        "optimizer", "learningRate", "losses", "lossWeights", "metrics", "batchSize", "epochs",
        "validationSplit", "testSplit", "shuffleSeed", "seed", "threads", "earlyStopping", "groupBy", "streaming",
        "shuffleBuffer",
    ];

    private static readonly string[] EarlyStoppingKeys = ["monitor", "patience", "mode", "minDelta"];

    public static TrainingConfig Parse(YamlSection? section, IReadOnlyList<TaskConfig> tasks,
        IReadOnlyList<FeatureConfig> features, bool validationFiles = false)
    {
        if (section is null)
        {
            return new TrainingConfig();
        }

        var defaults = new TrainingConfig();
        var config = new TrainingConfig
        {
            Optimizer = OneOf(section, "optimizer", TrainingNames.Optimizers) ?? defaults.Optimizer,
            LearningRate = Check(section, "learningRate", section.Double("learningRate"), v => v > 0, "positive"),
            Losses = ParseLosses(section, tasks),
            LossWeights = ParseLossWeights(section, tasks),
            Metrics = ParseMetricList(section, tasks),
            TaskMetrics = ParseTaskMetrics(section, tasks),
            GroupBy = ParseGroupBy(section, features),
            BatchSize = Check(section, "batchSize", section.Int("batchSize"), v => v > 0, "positive")
                ?? defaults.BatchSize,
            Epochs = Check(section, "epochs", section.Int("epochs"), v => v > 0, "positive") ?? defaults.Epochs,
            ValidationSplit = Check(section, "validationSplit", section.Double("validationSplit"),
                v => v is >= 0 and < 1, "in [0, 1)") ?? 0,
            TestSplit = Check(section, "testSplit", section.Double("testSplit"), v => v is >= 0 and < 1, "in [0, 1)")
                ?? defaults.TestSplit,
            ShuffleSeed = section.Int("shuffleSeed") ?? defaults.ShuffleSeed,
            Seed = section.Int("seed") ?? defaults.Seed,
            Threads = Check(section, "threads", section.Int("threads"), v => v > 0, "positive"),
            Streaming = section.Bool("streaming"),
            ShuffleBuffer = Check(section, "shuffleBuffer", section.Int("shuffleBuffer"), v => v > 0, "positive")
                ?? defaults.ShuffleBuffer,
        };

        CheckGroupedMetrics(section, config);
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
            if (!TrainingNames.Losses.Contains(losses[i]))
            {
                throw section.ErrorAt("losses",
                $"'training.losses[{i}]' must be one of {string.Join(", ", TrainingNames.Losses)}, got '{losses[i]}'");
            }

            if (losses[i] == "binary_crossentropy" && tasks[i].Type != TaskType.Binary)
            {
                throw section.ErrorAt("losses",
                $"'training.losses[{i}]' is binary_crossentropy but task '{tasks[i].Name}' is a regression");
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
            throw section.ErrorAt("lossWeights",
            $"'training.lossWeights' lists {weights.Count} weights for {tasks.Count} tasks");
        }

        return weights.Any(w => w < 0)
            ? throw section.ErrorAt("lossWeights", "'training.lossWeights' must not be negative")
            : weights;
    }

    // metrics: [auc, mse]: each metric is computed on the tasks of the type it suits, so it must suit at least one.
    private static IReadOnlyList<string>? ParseMetricList(YamlSection section, IReadOnlyList<TaskConfig> tasks)
    {
        if (!section.TryGet("metrics", out var node) || node is not YamlDotNet.RepresentationModel.YamlSequenceNode)
        {
            return null;
        }

        var metrics = MetricNames(section, section.StringList("metrics")!, "training.metrics");
        foreach (var metric in metrics)
        {
            var binary = TrainingNames.ClassificationMetrics.Contains(metric);
            if (!tasks.Any(t => (t.Type == TaskType.Binary) == binary))
            {
                var kind = binary ? "binary" : "regression";
                throw section.ErrorAt("metrics",
                    $"'training.metrics' lists {metric}, which is computed on {kind} tasks only, and there is none; " +
                    "give metrics per task (metrics: {task: [...]}) to compute it on another task");
            }
        }

        return metrics;
    }

    // metrics: {click: [auc, logloss], watch_time: [mse]}: the named tasks' metrics; the others keep the defaults.
    private static IReadOnlyDictionary<string, IReadOnlyList<string>>? ParseTaskMetrics(
        YamlSection section, IReadOnlyList<TaskConfig> tasks)
    {
        if (!section.TryGet("metrics", out var node) || node is YamlDotNet.RepresentationModel.YamlSequenceNode)
        {
            return null;
        }

        if (node is not YamlDotNet.RepresentationModel.YamlMappingNode)
        {
            throw section.ErrorAt("metrics",
                "'training.metrics' must be a list of metrics, or a mapping from task names to lists of metrics");
        }

        var byTask = section.Section("metrics", tasks.Select(t => t.Name).ToArray())!;
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var task in tasks.Where(t => byTask.Has(t.Name)))
        {
            var metrics = MetricNames(byTask, byTask.StringList(task.Name)!, $"training.metrics.{task.Name}");
            var misfit = metrics.FirstOrDefault(
                m => task.Type != TaskType.Binary && TrainingNames.ClassificationMetrics.Contains(m));
            if (misfit is not null)
            {
                throw byTask.ErrorAt(task.Name,
                    $"'training.metrics.{task.Name}' lists {misfit}, which needs 0/1 labels, but task '{task.Name}' " +
                    "is a regression");
            }

            result[task.Name] = metrics;
        }

        return result;
    }

    private static string[] MetricNames(YamlSection section, IReadOnlyList<string> names, string path)
    {
        var metrics = names.Select(m => m.ToLowerInvariant()).ToArray();
        var key = path[(path.LastIndexOf('.') + 1)..];
        var unknown = metrics.FirstOrDefault(m => !TrainingNames.Metrics.Contains(m));
        return unknown is null
            ? metrics
            : throw section.ErrorAt(key,
                $"unknown metric '{unknown}' in '{path}' (allowed: {string.Join(", ", TrainingNames.Metrics)})");
    }

    private static string? ParseGroupBy(YamlSection section, IReadOnlyList<FeatureConfig> features)
    {
        var groupBy = section.String("groupBy");
        var ids = features.Where(f => f.Kind is FeatureKind.Sparse or FeatureKind.Hashed).Select(f => f.Name).ToArray();
        if (groupBy is null || ids.Contains(groupBy))
        {
            return groupBy;
        }

        throw section.ErrorAt("groupBy", $"'training.groupBy' must name a sparse or hashed feature, got '{groupBy}' " +
                                         $"(those: {string.Join(", ", ids)})");
    }

    private static void CheckGroupedMetrics(YamlSection section, TrainingConfig config)
    {
        var named = (config.Metrics ?? []).Concat(config.TaskMetrics?.Values.SelectMany(m => m) ?? []);
        if (config.GroupBy is null && named.Any(TrainingNames.GroupedMetrics.Contains))
        {
            throw section.ErrorAt("metrics", "'training.metrics' names gauc, the AUC averaged over groups: set " +
                                             "'training.groupBy' to the feature that groups the rows (a user id)");
        }
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

    private static string? OneOf(YamlSection section, string key, IReadOnlyList<string> allowed)
    {
        var value = section.String(key)?.ToLowerInvariant();
        return value is null || allowed.Contains(value)
            ? value
            : throw section.ErrorAt(key,
                $"'{section.Qualified(key)}' must be one of {string.Join(", ", allowed)}, got '{value}'");
    }

    private static T? Check<T>(YamlSection section, string key, T? value, Func<T, bool> valid, string expectation)
        where T : struct
        => value is not { } v || valid(v)
            ? value
            : throw section.ErrorAt(key, $"'{section.Qualified(key)}' must be {expectation}, got {v}");
}
