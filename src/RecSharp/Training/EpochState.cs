using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// The progress of the epoch a fit is in: its row order, the batches done, their summed loss and the predictions
/// made so far (for the epoch's metrics). It is what a checkpoint saves and what a resumed fit starts from.
/// </summary>
internal sealed class EpochState
{
    private readonly long _rows;
    private readonly int _tasks;
    private readonly ulong _fingerprint;
    private readonly long _keptRows;
    private bool _atBoundary = true;

    /// <summary>
    /// An epoch state for <paramref name="rows"/> training rows whose first <paramref name="keptRows"/> (by default
    /// all) keep their predictions.
    /// </summary>
    public EpochState(int firstEpoch, long rows, int tasks, ulong fingerprint, long? keptRows = null)
    {
        Epoch = firstEpoch;
        _rows = rows;
        _keptRows = keptRows ?? rows;
        _tasks = tasks;
        _fingerprint = fingerprint;
        Order = [];
        Predictions = new double[0, tasks];
    }

    /// <summary>The epoch in progress, or the next one after <see cref="End"/>.</summary>
    public int Epoch { get; private set; }

    /// <summary>Batches of <see cref="Epoch"/> done.</summary>
    public int Step { get; private set; }

    /// <summary>The epoch's row order.</summary>
    public long[] Order { get; private set; }

    /// <summary>
    /// Predictions <c>(kept rows, tasks)</c> of the rows done so far: by row in memory, by position in the epoch for
    /// a stream.
    /// </summary>
    public double[,] Predictions { get; private set; }

    /// <summary>The epoch's order of a stream's parts (set by a streaming source), or null.</summary>
    public StreamPosition? Stream { get; set; }

    /// <summary>Summed loss of the batches done.</summary>
    public double LossSum { get; private set; }

    /// <summary>Starts <paramref name="epoch"/> with <paramref name="order"/>.</summary>
    public void Begin(int epoch, long[] order)
    {
        Epoch = epoch;
        Step = 0;
        Order = order;
        Predictions = new double[_keptRows, _tasks];
        LossSum = 0;
        _atBoundary = false;
    }

    /// <summary>Continues the epoch a checkpoint stopped in.</summary>
    public void Continue(TrainingPosition position, long[] order)
    {
        Begin(position.Epoch, order);
        Step = position.Step;
        LossSum = position.LossSum;
        if (position.Predictions is not null) Predictions = position.Predictions;
    }

    /// <summary>Records a finished batch.</summary>
    public void StepDone(double loss)
    {
        Step++;
        LossSum += loss;
    }

    /// <summary>Marks the epoch finished: the position is now the start of the next one.</summary>
    public void End()
    {
        Epoch++;
        Step = 0;
        LossSum = 0;
        _atBoundary = true;
    }

    /// <summary>The position now, with the state of libtorch's CPU generator.</summary>
    public TrainingPosition Position(int seed, bool shuffle, int batchSize)
    {
        using var generator = random.get_rng_state();
        return new TrainingPosition
        {
            Epoch = Epoch, Step = Step, Seed = seed, Shuffle = shuffle, BatchSize = batchSize, Rows = _rows,
            LabelFingerprint = _fingerprint, LossSum = LossSum,
            Order = _atBoundary ? null : (long[])Order.Clone(),
            Predictions = _atBoundary ? null : (double[,])Predictions.Clone(),
            RandomState = generator.data<byte>().ToArray(),
            Stream = Stream is null ? null : Stream with { Parts = _atBoundary ? null : Stream.Parts },
        };
    }
}
