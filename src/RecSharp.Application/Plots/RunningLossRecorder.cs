using RecSharp.Training.Callbacks;

namespace RecSharp.Application.Plots;

/// <summary>
/// Records the training loss after every batch, as the epoch's running mean per row against the epochs done
/// (epoch index plus the share of its rows done), for the loss panel of <see cref="TrainingCurves"/>.
/// </summary>
internal sealed class RunningLossRecorder : Callback
{
    private readonly List<(double Epochs, double Loss)> _points = [];
    private int _epoch;

    /// <summary>The points recorded: epochs done (a fraction within one) and the running loss per row.</summary>
    public IReadOnlyList<(double Epochs, double Loss)> Points => _points;

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch) => _epoch = epoch;

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        double done = logs[BatchLogKeys.Rows] / logs[BatchLogKeys.EpochRows];
        _points.Add((_epoch + done, logs[BatchLogKeys.RunningLoss]));
    }
}
