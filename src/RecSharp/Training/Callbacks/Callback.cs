using RecSharp.Models;

namespace RecSharp.Training.Callbacks;

/// <summary>
/// A hook into <c>Fit</c>: override the events of interest. <see cref="Model"/> is set before training starts;
/// setting <see cref="StopTraining"/> on the <see cref="TrainingControl"/> ends training after the current epoch.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained.</summary>
    public MultiTaskModel? Model { get; private set; }

    /// <summary>Shared control of the running fit.</summary>
    public TrainingControl? Control { get; private set; }

    /// <summary>Attaches the callback to a fit; called by <c>Fit</c>.</summary>
    public void Attach(MultiTaskModel model, TrainingControl control)
    {
        Model = model;
        Control = control;
    }

    /// <summary>Whether this callback overrides <see cref="OnBatchBegin"/>: only then is it called per step.</summary>
    internal bool HandlesBatchBegin => Overrides(nameof(OnBatchBegin));

    /// <summary>Whether this callback overrides <see cref="OnBatchEnd"/>: only then is it called per step.</summary>
    internal bool HandlesBatchEnd => Overrides(nameof(OnBatchEnd));

    /// <summary>Asks the fit to stop after the current epoch.</summary>
    protected void StopTraining()
    {
        if (Control is not null) Control.StopRequested = true;
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
    /// far, <c>epoch_rows</c> and the <c>running_loss</c> (see <see cref="BatchLogKeys"/>).
    /// </summary>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }

    private bool Overrides(string method) =>
        GetType().GetMethods().Any(m => m.Name == method && m.GetBaseDefinition().DeclaringType == typeof(Callback)
                                        && m.DeclaringType != typeof(Callback));
}
