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
                       [--checkpoint-every N] [--resume checkpoint.safetensors] [--preprocessing runs/earlier]

        Trains the model an experiment file describes and evaluates it on the held-out test rows. Without --config,
        trains PLE on the built-in click/conversion data. Shows each epoch's progress (a live bar on a terminal, one
        line per epoch when the output is redirected; none with --quiet). Writes model.safetensors (weights,
        hyper-parameters, columns and fitted preprocessing), report.json (rows, history, test metrics, unseen
        categorical values, timings), curves.png (loss and validation metrics per epoch) and, with a config,
        experiment.yaml into --out (default runs/<timestamp>); nothing is left there if training fails.

        While training, a resumable checkpoint (weights, optimizer state, epoch, batch, generator state and row
        order) is written beside the run folder, as <out>.checkpoint.safetensors, after every epoch and, with
        --checkpoint-every N, every N batches. If training stops, --resume <that file> with the same experiment
        continues from where it stopped and ends with the weights an uninterrupted run would have (early stopping
        starts afresh). On success the checkpoint moves into the run folder as checkpoint.safetensors: resume from it
        with a larger --epochs to train further.

        --preprocessing runs/earlier encodes the data with the preprocessing fitted by that run (same features and
        tasks) instead of fitting it again, so that categorical ids stay the same across retraining.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args,
            ["--config", "--data", "--out", "--epochs", "--checkpoint-every", "--resume", "--preprocessing"],
            ["--skip-bad-rows", "--quiet", "--verbose"]);
        string outPath = parsed.Get("--out") ?? Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        int? epochs = PositiveInteger(parsed, "--epochs");
        int everyBatches = PositiveInteger(parsed, "--checkpoint-every") ?? 0;
        string? resume = parsed.Get("--resume") is { } r ? Path.GetFullPath(r) : null;
        if (resume is not null && !File.Exists(resume)) throw new UsageException($"--resume names {resume}, which does not exist");

        PreparedData data;
        ModelConfig model;
        TrainingConfig training;
        string? configText = null;
        if (parsed.Get("--config") is { } configPath)
        {
            var config = ExperimentConfigLoader.Load(configPath);
            if (parsed.Get("--data") is { } dataPath) config = config.WithDataPath(Path.GetFullPath(dataPath));
            var preprocessing = parsed.Get("--preprocessing") is { } earlier
                ? SavedPreprocessing.Load(earlier, config)
                : null;
            data = DataPreparation.FromConfig(config, parsed.Has("--skip-bad-rows"), preprocessing);
            model = config.Model;
            training = config.Training;
            configText = File.ReadAllText(configPath);
        }
        else
        {
            if (parsed.Get("--data") is not null) throw new UsageException("--data needs --config, which says how to read it");
            if (parsed.Get("--preprocessing") is not null) throw new UsageException("--preprocessing needs --config");
            model = DataPreparation.BuiltInModel();
            training = DataPreparation.BuiltInTraining();
            data = DataPreparation.BuiltInExample(training.ValidationSplit);
        }
        if (epochs is { } count) training = training with { Epochs = count };

        using var folder = new RunFolder(outPath);
        string checkpointPath = CheckpointPlan.BesideRunFolder(outPath);
        if (resume is not null)
        {
            // Keep the file resumed from intact: the new run writes its own checkpoint, starting from a copy.
            if (resume != checkpointPath) File.Copy(resume, checkpointPath, overwrite: true);
            output.Writer.WriteLine($"Resuming from {resume}.");
        }
        var checkpoints = new CheckpointPlan(checkpointPath, everyBatches, Resume: resume is not null);
        try
        {
            ExperimentRunner.Run(data, model, training, folder, output, showProgress: !parsed.Has("--quiet"), checkpoints);
        }
        catch (Exception) when (File.Exists(checkpointPath))
        {
            output.Writer.WriteLine($"Training stopped; to continue from its last checkpoint, run the same command with --resume {checkpointPath}");
            throw;
        }
        if (configText is not null) File.WriteAllText(folder.File("experiment.yaml"), configText);
        folder.Commit();
        output.Writer.WriteLine($"\nWrote {folder.Target}");
        return 0;
    }

    private static int? PositiveInteger(ParsedArguments parsed, string option) =>
        parsed.Get(option) is { } text
            ? int.TryParse(text, out int n) && n >= 1 ? n : throw new UsageException($"{option} must be a positive integer, got \"{text}\"")
            : null;
}
