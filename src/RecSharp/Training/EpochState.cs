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
    private bool _atBoundary = true;

    public EpochState(int firstEpoch, long rows, int tasks, ulong fingerprint)
    {
        Epoch = firstEpoch;
        _rows = rows;
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

    /// <summary>Predictions <c>(rows, tasks)</c> of the rows done so far, by row.</summary>
    public double[,] Predictions { get; private set; }

    /// <summary>Summed loss of the batches done.</summary>
    public double LossSum { get; private set; }

    /// <summary>Starts <paramref name="epoch"/> with <paramref name="order"/>.</summary>
    public void Begin(int epoch, long[] order)
    {
        Epoch = epoch;
        Step = 0;
        Order = order;
        Predictions = new double[_rows, _tasks];
        LossSum = 0;
        _atBoundary = false;
    }

    /// <summary>Continues the epoch a checkpoint stopped in.</summary>
    public void Continue(TrainingPosition position)
    {
        Begin(position.Epoch, position.Order ?? RowOrder.ForEpoch(_rows, position.Shuffle, position.Seed, position.Epoch));
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
        };
    }
}
