using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Runtime;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// Training rows converted to tensors once, batches taken by row index in each epoch's <see cref="RowOrder"/>; with
/// a validation split, the last rows are held out (before any shuffling).
/// </summary>
internal sealed class InMemoryBatches : IBatchSource
{
    private readonly LabelTable _labels;
    private readonly long[]? _groups;
    private readonly bool _shuffle;
    private readonly TensorInputs _train;
    private readonly Tensor _trainLabels;
    private readonly Tensor? _trainMask;

    public InMemoryBatches(MultiTaskModel model, TensorInputs all, LabelTable labels, long[]? groups,
        double validationSplit, bool shuffle)
    {
        _labels = labels;
        _groups = groups;
        _shuffle = shuffle;
        long rows = all.Rows;
        Rows = validationSplit > 0 ? (long)(rows * (1 - validationSplit)) : rows;
        if (Rows < 1)
        {
            throw new ArgumentException(
                $"no training rows are left: {rows} rows with validationSplit {validationSplit}");
        }
        Fingerprint = labels.Fingerprint(Rows);
        _train = model.OnModelDevice(all.Narrow(0, Rows));
        _trainLabels = labels.Values.narrow(0, 0, Rows).OnDevice(model.Device);
        _trainMask = labels.Mask?.narrow(0, 0, Rows).OnDevice(model.Device);
        Validation = Rows < rows
            ? new EvaluationSet(all.Narrow(Rows, rows - Rows), SliceRows(labels.Raw, Rows),
                labels.RawMask is null ? null : SliceRows(labels.RawMask, Rows), groups?[(int)Rows..],
                ownsInputs: true)
            : null;
    }

    public long Rows { get; }

    public ulong Fingerprint { get; }

    public long KeptRows => Rows;

    public EvaluationSet? Validation { get; }

    public long[] Order(int seed, int epoch) => RowOrder.ForEpoch(Rows, _shuffle, seed, epoch);

    public void CheckResumable(TrainingPosition position)
    {
        if (position.Stream is not null)
            throw new ArgumentException("the checkpoint was written by a streaming fit; resume it with streaming");
    }

    public void BeginEpoch(EpochState state, int seed)
    {
    }

    public TrainingBatch Take(EpochState state, long start, int size)
    {
        var index = state.BatchRows(Math.Min(start, Rows), size);                     // (size) int64, on the device
        return new TrainingBatch(_train.Select(index), _trainLabels.index_select(0, index),
            _trainMask?.index_select(0, index));
    }

    public void Record(Tensor output, EpochState state, long start) =>
        state.Record(state.BatchRows(Math.Min(start, Rows), output.shape[0]), output);

    public (double[,] Labels, double[,] Predictions, bool[,]? Mask, long[]? Groups) EpochRows(EpochState state) =>
        (SliceRows(_labels.Raw, 0, Rows), state.Predictions,
            _labels.RawMask is null ? null : SliceRows(_labels.RawMask, 0, Rows), _groups?[..(int)Rows]);

    public void Dispose()
    {
        _train.Dispose();
        _trainLabels.Dispose();
        _trainMask?.Dispose();
        Validation?.Dispose();
    }

    private static T[,] SliceRows<T>(T[,] source, long start, long? count = null)
    {
        long rows = count ?? source.GetLength(0) - start;
        int columns = source.GetLength(1);
        var result = new T[rows, columns];
        for (long i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) result[i, j] = source[start + i, j];
        return result;
    }
}
