using RecSharp.Cli.CommandLine;
using RecSharp.Cli.Display;
using RecSharp.Cli.Experiments;
using RecSharp.Data.Configuration;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp train</c>: read, encode, split, train, evaluate, and write the run folder.</summary>
public static class TrainCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp train [--config experiment.yaml] [--data train.csv] [--out runs/name] [--epochs N] [--skip-bad-rows] [--quiet]

        Trains the model an experiment file describes and evaluates it on the held-out test rows. Without --config,
        trains PLE on the built-in click/conversion data. Shows each epoch's progress (a live bar on a terminal, one
        line per epoch when the output is redirected; none with --quiet). Writes model.safetensors (weights,
        hyper-parameters, columns and fitted preprocessing), report.json (rows, history, test metrics, unseen
        categorical values, timings), curves.png (loss and validation metrics per epoch) and, with a config,
        experiment.yaml into --out (default runs/<timestamp>); nothing is left there if training fails.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args, ["--config", "--data", "--out", "--epochs"], ["--skip-bad-rows", "--quiet", "--verbose"]);
        string outPath = parsed.Get("--out") ?? Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        int? epochs = parsed.Get("--epochs") is { } e ? int.TryParse(e, out int n) && n >= 1 ? n : throw new UsageException($"--epochs must be a positive integer, got \"{e}\"") : null;

        PreparedData data;
        ModelConfig model;
        TrainingConfig training;
        string? configText = null;
        if (parsed.Get("--config") is { } configPath)
        {
            var config = ExperimentConfigLoader.Load(configPath);
            if (parsed.Get("--data") is { } dataPath) config = config.WithDataPath(Path.GetFullPath(dataPath));
            data = DataPreparation.FromConfig(config, parsed.Has("--skip-bad-rows"));
            model = config.Model;
            training = config.Training;
            configText = File.ReadAllText(configPath);
        }
        else
        {
            if (parsed.Get("--data") is not null) throw new UsageException("--data needs --config, which says how to read it");
            model = DataPreparation.BuiltInModel();
            training = DataPreparation.BuiltInTraining();
            data = DataPreparation.BuiltInExample(training.ValidationSplit);
        }
        if (epochs is { } count) training = training with { Epochs = count };

        using var folder = new RunFolder(outPath);
        ExperimentRunner.Run(data, model, training, folder, output, showProgress: !parsed.Has("--quiet"));
        if (configText is not null) File.WriteAllText(folder.File("experiment.yaml"), configText);
        folder.Commit();
        output.Writer.WriteLine($"\nWrote {folder.Target}");
        return 0;
    }
}
