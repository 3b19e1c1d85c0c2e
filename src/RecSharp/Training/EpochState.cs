using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// The progress of the epoch a fit is in: its row order, the batches done, their summed loss and the predictions
/// made so far (for the epoch's metrics). It is what a checkpoint saves and what a resumed fit starts from.
/// <para>
/// The predictions are gathered on the model's device, a batch at a time, and read back to the host only when asked
/// for (at the epoch's end, or for a checkpoint), so that a step does not wait for the device to copy its outputs.
/// </para>
/// </summary>
internal sealed class EpochState : IDisposable
{
    private readonly long _rows;
    private readonly int _tasks;
    private readonly ulong _fingerprint;
    private readonly long _keptRows;
    private readonly Device _device;
    private bool _atBoundary = true;
    private double[,] _predictions;
    private Tensor? _outputs;                                       // (kept rows, tasks) float32, on the model's device
    private Tensor? _orderOnDevice;                                 // (rows) int64, Order on the model's device
    private bool _outputsAhead;                                     // batches recorded since _predictions was read

    /// <summary>
    /// An epoch state for <paramref name="rows"/> training rows whose first <paramref name="keptRows"/> (by default
    /// all) keep their predictions, gathered on <paramref name="device"/>.
    /// </summary>
    public EpochState(int firstEpoch, long rows, int tasks, ulong fingerprint, Device device, long? keptRows = null)
    {
        Epoch = firstEpoch;
        _rows = rows;
        _keptRows = keptRows ?? rows;
        _tasks = tasks;
        _fingerprint = fingerprint;
        _device = device;
        Order = [];
        _predictions = new double[0, tasks];
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
    public double[,] Predictions
    {
        get
        {
            if (_outputsAhead && _outputs is not null && _predictions.Length > 0)
            {
                using var scope = NewDisposeScope();
                var host = _outputs.to(DeviceType.CPU).to_type(ScalarType.Float64).contiguous(); // (kept rows, tasks)
                host.data<double>().CopyTo(MemoryMarshal.CreateSpan(ref _predictions[0, 0], _predictions.Length));
                _outputsAhead = false;
            }
            return _predictions;
        }
    }

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
        _orderOnDevice?.Dispose();
        using (var scope = NewDisposeScope())
            _orderOnDevice = tensor(order, ScalarType.Int64).to(_device).MoveToOuterDisposeScope();
        SetPredictions(new double[_keptRows, _tasks], zero: true);
        LossSum = 0;
        _atBoundary = false;
    }

    /// <summary>Continues the epoch a checkpoint stopped in.</summary>
    public void Continue(TrainingPosition position, long[] order)
    {
        Begin(position.Epoch, order);
        Step = position.Step;
        LossSum = position.LossSum;
        if (position.Predictions is not null) SetPredictions(position.Predictions, zero: false);
    }

    /// <summary>
    /// The rows of the batch of <paramref name="size"/> rows at <paramref name="start"/> in <see cref="Order"/>, on the
    /// model's device: <c>(size)</c> int64, a view that needs no copy from the host.
    /// </summary>
    public Tensor BatchRows(long start, long size) => _orderOnDevice!.narrow(0, start, size);

    /// <summary>
    /// Records a batch's <paramref name="outputs"/> <c>(batch rows, tasks)</c> as the predictions of the rows at
    /// <paramref name="rowIndices"/> <c>(batch rows)</c>, both on the model's device, without reading them back.
    /// </summary>
    public void Record(Tensor rowIndices, Tensor outputs)
    {
        if (rowIndices.shape[0] == 0) return;
        using var noGrad = no_grad();
        _outputs!.index_copy_(0, rowIndices, outputs.to_type(ScalarType.Float32));
        _outputsAhead = true;
    }

    /// <summary>
    /// Records a streamed batch's <paramref name="outputs"/> <c>(batch rows, tasks)</c>, on the model's device, as the
    /// predictions of the epoch's positions from <paramref name="start"/> on, as far as they are kept.
    /// </summary>
    public void RecordAt(long start, Tensor outputs)
    {
        long rows = Math.Min(outputs.shape[0], _keptRows - start);
        if (rows <= 0) return;
        using var noGrad = no_grad();
        _outputs!.narrow(0, start, rows).copy_(outputs.narrow(0, 0, rows).to_type(ScalarType.Float32));
        _outputsAhead = true;
    }

    /// <summary>Records a finished batch.</summary>
    public void StepDone(double loss)
    {
        Step++;
        LossSum += loss;
    }

    /// <summary>Frees the device copies of the predictions and the row order.</summary>
    public void Dispose()
    {
        _outputs?.Dispose();
        _orderOnDevice?.Dispose();
    }

    // Starts from predictions on the host (all 0 when zero): the device copy holds the same values, since each came
    // from a float32 output.
    private void SetPredictions(double[,] predictions, bool zero)
    {
        _predictions = predictions;
        _outputs?.Dispose();
        using var scope = NewDisposeScope();
        var values = zero ? zeros(_keptRows, _tasks) : tensor(predictions).to_type(ScalarType.Float32);
        _outputs = values.to(_device).MoveToOuterDisposeScope();    // (kept rows, tasks)
        _outputsAhead = false;
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
