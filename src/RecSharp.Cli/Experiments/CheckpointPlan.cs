namespace RecSharp.Cli.Experiments;

/// <summary>
/// How <c>recsharp train</c> checkpoints: a resumable checkpoint is written beside the run folder during training
/// (after every epoch and every <see cref="EveryBatches"/> batches), so it survives a failure; on success it moves
/// into the run folder as <c>checkpoint.safetensors</c>, from which a later run can train further epochs.
/// </summary>
/// <param name="Path">Where the checkpoint is written during training.</param>
/// <param name="EveryBatches">Batches between mid-epoch checkpoints; 0 for epoch ends only.</param>
/// <param name="Resume">Whether training continues from the checkpoint already at <paramref name="Path"/>.</param>
public sealed record CheckpointPlan(string Path, int EveryBatches, bool Resume)
{
    /// <summary>The name of the checkpoint inside a finished run folder.</summary>
    public const string FileName = "checkpoint.safetensors";

    /// <summary>The in-progress checkpoint path of a run folder: <c>&lt;out&gt;.checkpoint.safetensors</c> beside it.</summary>
    public static string BesideRunFolder(string runFolder) =>
        System.IO.Path.GetFullPath(runFolder).TrimEnd(System.IO.Path.DirectorySeparatorChar) + ".checkpoint.safetensors";
}
