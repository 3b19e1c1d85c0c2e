using RecSharp.Application.CommandLine;
using RecSharp.Training.Callbacks;

namespace RecSharp.Application.Runs;

/// <summary>
/// How <c>recsharp train</c> checkpoints: a resumable checkpoint is written beside the run folder during training
/// (after every epoch, every <see cref="EveryBatches"/> batches, and when SIGINT or SIGTERM stops the run), so it
/// survives any failure; only once the run folder is in place does it move in as <c>checkpoint.safetensors</c>, from
/// which a later run can train further epochs.
/// </summary>
internal sealed class CheckpointPlan
{
    private readonly ModelCheckpoint _scheduled;
    private readonly ModelCheckpoint _onStop;

    /// <summary>Creates the plan.</summary>
    /// <param name="path">Where the checkpoint is written during training.</param>
    /// <param name="everyBatches">Batches between mid-epoch checkpoints; 0 for epoch ends only.</param>
    /// <param name="resumeFrom">
    /// The checkpoint training continues from, or null; never written to, unless it is <paramref name="path"/>.
    /// </param>
    public CheckpointPlan(string path, int everyBatches, string? resumeFrom)
    {
        Path = path;
        EveryBatches = everyBatches;
        ResumeFrom = resumeFrom;
        _scheduled = new ModelCheckpoint(path, everyBatches: everyBatches);
        _onStop = new ModelCheckpoint(path, everyBatches: 1);
    }

    /// <summary>The name of the checkpoint inside a finished run folder.</summary>
    public const string FileName = "checkpoint.safetensors";

    /// <summary>Where the checkpoint is written during training.</summary>
    public string Path { get; }

    /// <summary>Batches between mid-epoch checkpoints; 0 for epoch ends only.</summary>
    public int EveryBatches { get; }

    /// <summary>The checkpoint training continues from, or null.</summary>
    public string? ResumeFrom { get; }

    /// <summary>Whether this run has written a checkpoint to <see cref="Path"/>.</summary>
    public bool Written => _scheduled.SavedPaths.Count + _onStop.SavedPaths.Count > 0;

    /// <summary>The in-progress checkpoint path of a run folder: <c>&lt;out&gt;.checkpoint.safetensors</c> beside
    /// it.</summary>
    public static string BesideRunFolder(string runFolder) =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(runFolder)) + ".checkpoint.safetensors";

    /// <summary>The callbacks that write the checkpoints; with <paramref name="stop"/>, a signal ends the fit after
    /// one.</summary>
    public IReadOnlyList<Callback> Callbacks(StopSignal? stop) =>
        stop is null ? [_scheduled] : [_scheduled, new StopAtSignal(stop, _onStop)];
}
