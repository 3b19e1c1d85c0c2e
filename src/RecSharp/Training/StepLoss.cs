using RecSharp.Runtime;
using RecSharp.Training.Optimizers;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>The training loss of a batch: the sum over rows and tasks of each task's loss, weighted, plus uncertainty
/// terms.</summary>
internal static class StepLoss
{
    /// <summary>
    /// <c>Σ_t w_t · L_t</c> (or, with uncertainty weighting, <c>Σ_t exp(−s_t)·w_t·L_t + n_t·s_t</c>), where
    /// <c>L_t</c> sums task <c>t</c>'s loss over the rows whose label applies. Predictions and labels are <c>(rows,
    /// tasks)</c>.
    /// <para>
    /// Outputs that are NaN or infinite make the loss NaN, so that the step is refused as diverged, and never reach
    /// the loss functions (binary cross-entropy throws on them in libtorch): they are replaced by 0.5 first. This
    /// costs a few element-wise operations and no synchronisation with the device; finite outputs, and the loss and
    /// gradients computed from them, are unchanged.
    /// </para>
    /// </summary>
    public static Tensor DataLoss(TrainingSetup setup, Tensor predictions, Tensor labels, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var scalars = setup.Scalars;
        var nonFinite = predictions.isfinite().logical_not();                 // (rows, tasks)
        predictions = predictions.masked_fill(nonFinite, scalars.Half);
        var total = mask is null && setup.OneLossForAllTasks
            ? setup.Losses[0].Sum(predictions, labels)                        // every task's terms in one call
            : TaskSums(setup, predictions, labels, mask);
        return total.masked_fill(nonFinite.any(), scalars.NaN).MoveToOuterDisposeScope();
    }

    private static Tensor TaskSums(TrainingSetup setup, Tensor predictions, Tensor labels, Tensor? mask)
    {
        using var rowCounts = new StepScalars();
        var scalars = setup.Scalars;
        Tensor? total = null;
        for (int t = 0; t < setup.Losses.Count; t++)
        {
            var p = predictions.select(1, t);                             // (rows)
            var y = labels.select(1, t);                                  // (rows)
            if (mask is not null)
            {
                var keep = mask.select(1, t).nonzero().squeeze(1);        // (kept rows)
                p = p.index_select(0, keep);
                y = y.index_select(0, keep);
            }
            var taskLoss = setup.Losses[t].Sum(p, y).mul(scalars.LossWeights[t]);
            if (setup.UncertaintyLogVariances is { } logVariances)
            {
                var s = logVariances.OnDeviceOf(p)[t];
                taskLoss = (-s).exp().mul(taskLoss).add(s.mul(rowCounts.Of(p.shape[0])), scalars.One);
            }
            total = total is null ? taskLoss : total.add(taskLoss, scalars.One);
        }
        return total!;
    }
}
