namespace RecSharp.Training.Callbacks;

/// <summary>
/// Stops training when <see cref="Monitor"/> has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs in a row (at the end of the <see cref="Patience"/>-th such epoch, as Keras and the
/// reference do; with patience 0, at the first epoch without improvement); optionally restores the best epoch's
/// weights at the end.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly MonitoredBest _monitored;
    private int _wait;
    private Dictionary<string, TorchSharp.torch.Tensor>? _bestWeights;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The logged quantity to watch, such as <c>val_ctr_auc</c> or <c>val_loss</c>.</param>
    /// <param name="minDelta">The least change that counts as an improvement.</param>
    /// <param name="patience">Epochs in a row without improvement after which training stops.</param>
    /// <param name="mode"><c>min</c>, <c>max</c> or <c>auto</c>.</param>
    /// <param name="restoreBestWeights">Put the best epoch's weights back when training ends.</param>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, string mode = "auto",
        bool restoreBestWeights = false)
    {
        if (string.IsNullOrWhiteSpace(monitor))
            throw new ArgumentException("monitor must name a logged quantity", nameof(monitor));
        if (patience < 0) throw new ArgumentException($"patience must be at least 0, got {patience}", nameof(patience));
        if (minDelta < 0) throw new ArgumentException($"minDelta must be at least 0, got {minDelta}", nameof(minDelta));
        MinDelta = minDelta;
        Patience = patience;
        RestoreBestWeights = restoreBestWeights;
        _monitored = new MonitoredBest(nameof(EarlyStopping), monitor, mode);
    }

    /// <summary>The watched quantity.</summary>
    public string Monitor => _monitored.Monitor;

    /// <summary>The least change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>Whether the best weights are restored at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The epoch training stopped after, or null when it ran to the end.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>The best value seen.</summary>
    public double Best => _monitored.Best;

    /// <inheritdoc />
    public override void OnTrainBegin()
    {
        _monitored.Reset();
        _wait = 0;
        StoppedEpoch = null;
        DisposeBest();
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (_monitored.Improves(logs, MinDelta))
        {
            _wait = 0;
            if (RestoreBestWeights && Model is not null) SnapshotWeights();
            return;
        }
        _wait++;
        if (_wait >= Patience)
        {
            StoppedEpoch = epoch;
            StopTraining();
        }
    }

    /// <inheritdoc />
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (RestoreBestWeights && _bestWeights is not null && Model is not null)
        {
            var state = Model.state_dict();
            using (TorchSharp.torch.no_grad())
                foreach (var (key, value) in _bestWeights) state[key].copy_(value);
        }
        DisposeBest();
    }

    private void SnapshotWeights()
    {
        DisposeBest();
        _bestWeights = Model!.state_dict()
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    private void DisposeBest()
    {
        if (_bestWeights is null) return;
        foreach (var t in _bestWeights.Values) t.Dispose();
        _bestWeights = null;
    }
}
