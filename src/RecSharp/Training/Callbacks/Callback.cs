using RecSharp.Models;

namespace RecSharp.Training.Callbacks;

/// <summary>
/// A hook into <c>Fit</c>: override the events of interest. <see cref="Context"/> (the model, the rank, checkpoints)
/// is set before training starts; <see cref="StopTraining"/> ends training after the current epoch.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained.</summary>
    public MultiTaskModel? Model => Context?.Model;

    /// <summary>What the running fit shares with its callbacks.</summary>
    public TrainingContext? Context { get; private set; }

    /// <summary>Attaches the callback to a fit; called by <c>Fit</c>.</summary>
    internal void Attach(TrainingContext context) => Context = context;

    /// <summary>Whether this callback overrides <see cref="OnBatchBegin"/>: only then is it called per step.</summary>
    internal bool HandlesBatchBegin => Overrides(nameof(OnBatchBegin));

    /// <summary>Whether this callback overrides <see cref="OnBatchEnd"/>: only then is it called per step.</summary>
    internal bool HandlesBatchEnd => Overrides(nameof(OnBatchEnd));

    /// <summary>Asks the fit to stop after the current epoch.</summary>
    protected void StopTraining()
    {
        if (Context is not null) Context.StopRequested = true;
    }

    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin() { }

    /// <summary>After the last epoch.</summary>
    public virtual void OnTrainEnd(IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Before each epoch (zero-based).</summary>
    public virtual void OnEpochBegin(int epoch) { }

    /// <summary>After each epoch, with its loss and metrics.</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Before each batch (zero-based within the epoch).</summary>
    public virtual void OnBatchBegin(int batch) { }

    /// <summary>
    /// After each batch, with its <c>loss</c> (per row) and <c>size</c>, and the epoch's progress: <c>rows</c> done so
    /// far, <c>epoch_rows</c> and the <c>running_loss</c>.
    /// </summary>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }

    private bool Overrides(string method) =>
        GetType().GetMethods().Any(m => m.Name == method && m.GetBaseDefinition().DeclaringType == typeof(Callback)
                                        && m.DeclaringType != typeof(Callback));
}
