namespace RecSharp.Training.Callbacks;

/// <summary>The names of the quantities <c>Fit</c> passes to <see cref="Callback.OnBatchEnd"/>.</summary>
internal static class BatchLogKeys
{
    /// <summary>The batch's loss per row.</summary>
    public const string Loss = "loss";

    /// <summary>The batch's rows.</summary>
    public const string Size = "size";

    /// <summary>The rows of the epoch done so far, this batch included.</summary>
    public const string Rows = "rows";

    /// <summary>The epoch's training rows (validation rows excluded).</summary>
    public const string EpochRows = "epoch_rows";

    /// <summary>The mean loss per row over the epoch so far; after the last batch it equals the epoch's
    /// <c>loss</c>.</summary>
    public const string RunningLoss = "running_loss";
}
