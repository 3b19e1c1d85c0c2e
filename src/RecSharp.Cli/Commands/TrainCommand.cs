using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Application.Distributed;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Application.Runs;
using RecSharp.Data.Configuration;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp train</c>: read, encode, split, train, evaluate, and write the run folder.</summary>
internal static class TrainCommand
{
    /// <summary>The help text.</summary>
    // Written from the first column: its synopsis line is 120 characters of output.
    public const string Help = """
recsharp train [--config experiment.yaml] [--data train.csv] [--out runs/name] [--epochs N] [--skip-bad-rows] [--quiet]
               [--checkpoint-every N] [--resume checkpoint.safetensors] [--overwrite]
               [--preprocessing runs/earlier] [--distributed mpi]

Trains the model an experiment file describes and evaluates it on the held-out test rows. Without --config,
trains the built-in example: PLE on generated click/conversion impressions, with early stopping; its rows are
written into the run folder as example.csv. Shows each epoch's progress (a live bar on a terminal, one
line per epoch when the output is redirected; none with --quiet). Writes model.safetensors (weights,
hyper-parameters, columns and fitted preprocessing), report.json (rows, history, test metrics, unseen
categorical values, timings), curves.png (loss and validation metrics per epoch), experiment.yaml and a
.recsharp-run marker into --out (default runs/<timestamp>); nothing is left there if training fails.

--out must be a new or empty folder: never the current folder, a folder holding the data or the experiment
file, or a file. An existing non-empty folder is refused before training; with --overwrite, an earlier run
folder (one holding its .recsharp-run marker and nothing recsharp did not write) is replaced, and nothing else.

While training, a resumable checkpoint (weights, optimizer state, epoch, batch, generator state and row
order) is written beside the run folder, as <out>.checkpoint.safetensors, after every epoch and, with
--checkpoint-every N, every N batches. If training stops (an error, or SIGINT/SIGTERM, which stop it at the next
batch after a checkpoint), the command to continue is printed: --resume <that file> with the same experiment
continues from where it stopped and ends with the weights an uninterrupted run would have (early stopping
starts afresh). Once the run folder is written the checkpoint moves into it as checkpoint.safetensors: resume
from it with a larger --epochs to train further.

--preprocessing runs/earlier encodes the data with the preprocessing fitted by that run (same features and
tasks) instead of fitting it again, so that categorical ids stay the same across retraining.

With training.streaming: true, or when reading the data whole would exceed data.memoryBudget, the training rows
are not held: each epoch reads the files again, in a seeded order, through a shuffle buffer
(training.shuffleBuffer rows); rows are split by a stable hash, or by data.validationPath and data.testPath.

mpirun -np N recsharp train ... --distributed mpi trains data-parallel over N processes (MPICH): rank 0 fits the
preprocessing and writes the run folder and checkpoints, rank r trains on the rows i with i mod N = r (or, of a
sharded source of at least N files, on the rows of the files i with i mod N = r, the only ones it reads unless
it is rank 0), and each step sums the ranks' gradients (global batch N × batchSize). A failing rank ends the
whole job. Resume with the same N; every rank must be able to read the data and the --resume file.
""";

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args,
            ["--config", "--data", "--out", "--epochs", "--checkpoint-every", "--resume", "--preprocessing",
            "--distributed"],
            ["--skip-bad-rows", "--quiet", "--verbose", "--overwrite"]);
        using var job = DistributedJob.Start(parsed.Get("--distributed"));
        return job is null
            ? Train(parsed, args, output, null)
            : job.Run(() => Train(parsed, args, job.Output(output), job), parsed.Has("--verbose"));
    }

    // On a rank other than 0 of a data-parallel job, the run folder is neither prepared nor written.
    private static int Train(ParsedArguments parsed, IReadOnlyList<string> args, CliOutput output, DistributedJob? job)
    {
        string outPath = parsed.Get("--out") ?? Path.Combine("runs",
            DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        int? epochs = PositiveInteger(parsed, "--epochs");
        int everyBatches = PositiveInteger(parsed, "--checkpoint-every") ?? 0;
        string? resume = parsed.Get("--resume") is { } r ? Path.GetFullPath(r) : null;
        if (resume is not null && !File.Exists(resume))
            throw new UsageException($"--resume names {resume}, which does not exist");
        bool overwrite = parsed.Has("--overwrite");

        ExperimentConfig? config = null;
        string? configText = null;
        var inputs = new List<(string Role, string Path)>();
        if (parsed.Get("--config") is { } configOption)
        {
            string configPath = CommandPaths.RequireFile("--config", configOption);
            configText = File.ReadAllText(configPath);
            config = ExperimentConfigLoader.Load(configPath);
            if (parsed.Get("--data") is { } dataPath)
                config = config.WithDataPath(CommandPaths.RequireData("--data", dataPath));
            else if (config.Data.Path is { } configured) CommandPaths.RequireData("data.path", configured);
            inputs.Add(("experiment", configPath));
            if (config.Data.Path is { } data) inputs.Add(("data", data));
        }
        else if (parsed.Get("--data") is not null)
        {
            throw new UsageException("--data needs --config, which says how to read it");
        }
        else if (parsed.Get("--preprocessing") is not null)
        {
            throw new UsageException("--preprocessing needs --config");
        }

        using var stop = StopSignal.Listen();
        if (job is not null) stop.Agreement = job.AgreeOnSignal;
        using var folder = job is { IsWriter: false } ? null : RunFolder.Prepare(outPath, overwrite, inputs);
        string checkpointPath = CheckpointPlan.BesideRunFolder(folder?.Target ?? CommandPaths.Resolve(outPath));
        if (folder is not null) CheckEarlierCheckpoint(checkpointPath, resume, overwrite);

        bool builtIn = config is null;
        var preprocessing = parsed.Get("--preprocessing") is { } earlier && config is not null
            ? SavedPreprocessing.Load(earlier, config)
            : null;
        PreparedData prepared;
        using (var example = builtIn ? BuiltInExample.Place(folder) : null)
        {
            config ??= example!.Config;
            bool streaming = StreamingPreparation.Applies(config);
            if (streaming && job is not null)
            {
                throw new UsageException("streaming training (training.streaming, or data above data.memoryBudget) " +
                                         "does not run with --distributed yet");
            }
            prepared = streaming
                ? StreamingPreparation.Prepare(config, parsed.Has("--skip-bad-rows"), preprocessing)
                : DataPreparation.FromConfig(config, parsed.Has("--skip-bad-rows"), preprocessing, job);
        }
        if (builtIn) prepared = prepared with { Source = BuiltInExample.Source };
        var training = epochs is { } count ? config.Training with { Epochs = count } : config.Training;
        stop.ThrowIfReceived();

        var checkpoints = new CheckpointPlan(checkpointPath, everyBatches, resume);
        if (resume is not null) output.Writer.WriteLine($"Resuming from {resume}.");
        try
        {
            ExperimentRunner.Run(prepared, config.Model, training, folder, output, showProgress: !parsed.Has("--quiet"),
                checkpoints, stop, job);
            if (folder is null) return 0;
            File.WriteAllText(folder.File("experiment.yaml"), configText ?? BuiltInExample.ExperimentYaml);
            // Resumed at its very end, the fit wrote no checkpoint: the run folder keeps a copy of the one resumed
            // from.
            if (resume is not null && !File.Exists(checkpointPath))
                File.Copy(resume, folder.File(CheckpointPlan.FileName));
            folder.Commit(File.Exists(checkpointPath) ? [CheckpointPlan.FileName] : []);
        }
        catch (Exception) when (checkpoints.Written && File.Exists(checkpointPath))
        {
            output.Writer.WriteLine(
                $"The checkpoint {checkpointPath} holds the training done so far; to continue from it: " +
                                    (job is null ? "" : $"mpirun -np {job.Size} ") +
                                    ResumeCommand(args, folder!.Target, checkpointPath));
            throw;
        }
        MoveCheckpointIn(checkpointPath, folder.Target, output.Writer);
        output.Writer.WriteLine($"\nWrote {folder.Target}");
        return 0;
    }

    // The checkpoint of an earlier run of the same --out that stopped is the user's way back: never written over
    // unasked.
    private static void CheckEarlierCheckpoint(string checkpointPath, string? resume, bool overwrite)
    {
        if (Directory.Exists(checkpointPath))
        {
            throw new UsageException(
                $"{checkpointPath}, where this run's checkpoint goes, is a folder; choose another --out");
        }
        if (!File.Exists(checkpointPath) || (resume is not null && CommandPaths.Same(resume, checkpointPath))) return;
        if (!overwrite)
        {
            throw new UsageException($"{checkpointPath} exists, the checkpoint of an earlier run that stopped: " +
                                     $"continue it with --resume {checkpointPath}, or add --overwrite to start afresh");
        }
        if (!IsTrainingCheckpoint(checkpointPath))
        {
            throw new UsageException($"{checkpointPath} exists and is not a checkpoint of recsharp train, " +
                                     "so --overwrite does not replace it");
        }
    }

    private static bool IsTrainingCheckpoint(string path)
    {
        try
        {
            return TrainingCheckpoint.HasTrainingState(path);
        }
        catch (Exception e) when (e is SafeTensorsFormatException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void MoveCheckpointIn(string checkpointPath, string runFolder, TextWriter output)
    {
        if (!File.Exists(checkpointPath)) return;
        try
        {
            File.Move(checkpointPath, Path.Combine(runFolder, CheckpointPlan.FileName), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine(
                $"note: the checkpoint stays at {checkpointPath}; it could not move into the run folder: {e.Message}");
        }
    }

    /// <summary>The command line that continues this run from <paramref name="checkpoint"/>, ready for a
    /// shell.</summary>
    internal static string ResumeCommand(IReadOnlyList<string> args, string runFolder, string checkpoint)
    {
        var kept = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--resume") i++;
            else kept.Add(args[i]);
        }
        if (!kept.Contains("--out")) kept.AddRange(["--out", runFolder]);
        kept.AddRange(["--resume", checkpoint]);
        return "recsharp train " + string.Join(' ', kept.Select(ShellWord));
    }

    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:=@%+,".Contains(c))
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static int? PositiveInteger(ParsedArguments parsed, string option) =>
        parsed.Get(option) is { } text
            ? int.TryParse(text, out int n) && n >= 1 ? n
                : throw new UsageException($"{option} must be a positive integer, got \"{text}\"")
            : null;
}
