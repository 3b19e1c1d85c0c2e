using System.Globalization;
using RecSharp.Catalog;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Preparation;
using RecSharp.Bench.CommandLine;
using RecSharp.Data.Configuration;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;
using RecSharp.Features;

namespace RecSharp.Bench.Workloads;

/// <summary>
/// Builds the workload of a run. Census data goes through the command line's own preparation
/// (<see cref="DataPreparation.FromConfig"/>): the split of <c>examples/census/experiment.yaml</c> (shuffled 80/20,
/// seed 1024), the one the census AUC test of <c>recsharp train</c> and the README's table use. Synthetic data comes
/// from the generators of RecSharp.Data.
/// </summary>
internal static class WorkloadFactory
{
    /// <summary>The census experiment copied beside the benchmark's binaries.</summary>
    public static string CensusExperimentPath =>
        Path.Combine(AppContext.BaseDirectory, "Examples", "census-experiment.yaml");

    /// <summary>The seed of the synthetic data and its split.</summary>
    public const int SyntheticSeed = 1024;

    /// <summary>The workload <paramref name="options"/> ask for, with their overrides applied.</summary>
    public static Workload Create(BenchOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workload = options.Workload switch
        {
            "census" => Census(options, log),
            "synthetic" => Synthetic(options, log),
            _ => throw new UsageException($"unknown workload \"{options.Workload}\"; use census or synthetic"),
        };
        var model = options.Model is { } type ? WithType(workload.Model, type) : workload.Model;
        var training = workload.Training with
        {
            Epochs = options.Epochs ?? workload.Training.Epochs,
            BatchSize = options.BatchSize ?? workload.Training.BatchSize,
            Threads = options.Threads ?? workload.Training.Threads,
            ValidationSplit = 0,
            EarlyStopping = null,
            Metrics = workload.Data.Tasks.All(t => t.Type == TaskType.Binary) ? ["auc", "logloss"] : ["mse"],
        };
        return workload with { Data = Capped(workload.Data, options.RowCap), Model = model, Training = training };
    }

    /// <summary>The model config with another type, keeping the hyper-parameters it accepts (<see
    /// cref="ModelConfig.WithType"/>).</summary>
    public static ModelConfig WithType(ModelConfig model, ModelDefinition type)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.WithType(type);
    }

    private static Workload Census(BenchOptions options, TextWriter log)
    {
        string configPath = options.ConfigPath ?? CensusExperimentPath;
        var config = ExperimentConfigLoader.Load(configPath);
        string data = options.DataPath is { } given ? Path.GetFullPath(given)
            : config.Data.Path is { } configured && File.Exists(configured) ? configured
            : options.ConfigPath is null && FindSharedCensus() is { } found ? found
            : throw new UsageException("no data file: give --data (for census: the shared census-income.test.gz)");
        log.WriteLine($"reading {data}");
        var prepared = DataPreparation.FromConfig(config.WithDataPath(data), skipBadRows: false);
        string name = options.ConfigPath is null ? "census" : Path.GetFileNameWithoutExtension(configPath);
        var split = config.Training;
        string source = string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(data)}, shuffled split (seed {split.ShuffleSeed}): {(1 - split.TestSplit) * 100:0}% " +
                $"train, {split.TestSplit * 100:0}% test");
        return new Workload(name, prepared with { Source = source }, config.Model, config.Training);
    }

    private static Workload Synthetic(BenchOptions options, TextWriter log)
    {
        log.WriteLine($"generating {options.Rows} rows ({options.Generator})");
        PreparedData data;
        if (options.Generator == "mmoe")
        {
            var set = MmoeSyntheticGenerator.Generate(
                new MmoeSyntheticOptions { Rows = options.Rows, Seed = SyntheticSeed });
            var (train, test) = set.Table.Split(0.2, SyntheticSeed);
            data = new PreparedData(train, train.Slice([]), test, set.Features, set.Tasks, null, null,
                "MMoE synthetic regressions (RecSharp.Data)");
        }
        else
        {
            data = DataPreparation.BuiltInExample(validationSplit: 0, options.Rows, SyntheticSeed);
        }
        var training = new TrainingConfig { Epochs = 1, Seed = SyntheticSeed };
        return new Workload("synthetic", data, new ModelConfig { Type = ModelNames.Model("ple") }, training);
    }

    private static PreparedData Capped(PreparedData data, int? cap)
    {
        if (cap is not { } n) return data;
        return data with { Train = First(data.Train, n), Test = First(data.Test, Math.Max(1, n / 2)) };
    }

    private static ColumnarTable First(ColumnarTable table, int rows) =>
        table.RowCount <= rows ? table : table.Slice(Enumerable.Range(0, rows).ToArray());

    /// <summary>The shared census file above the working folder or the binaries, or null.</summary>
    internal static string? FindSharedCensus()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data", "census-income.test.gz");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
