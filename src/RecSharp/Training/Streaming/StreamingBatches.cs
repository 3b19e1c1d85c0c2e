using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Runtime;
using static TorchSharp.torch;

namespace RecSharp.Training.Streaming;

/// <summary>
/// Training rows read from an <see cref="ITrainingStream"/> anew each epoch: the parts in a seeded shuffled order
/// (<see cref="RowOrder"/> over the parts, seeded with the seed's bitwise complement), their rows through a
/// <see cref="ShuffleBuffer"/> drawing from <c>new Random(seed + epoch)</c>, regrouped into chunks of whole batches
/// and converted to tensors by a <see cref="ChunkPrefetcher"/>. Only the chunks in flight and the buffer are held.
/// </summary>
internal sealed class StreamingBatches : IBatchSource
{
    private readonly MultiTaskModel _model;
    private readonly ITrainingStream _stream;
    private readonly StreamingOptions _options;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly double[,] _keptLabels;
    private bool[,]? _keptMask;
    private readonly long[]? _keptGroups;
    private readonly Dictionary<string, long> _groupOrdinals = new(StringComparer.Ordinal);
    private ChunkPrefetcher? _reader;
    private ConvertedChunk? _current;
    private long _currentStart;

    public StreamingBatches(MultiTaskModel model, ITrainingStream stream, StreamingOptions options, int batchSize,
        bool shuffle)
    {
        _model = model;
        _stream = stream;
        _options = options;
        _batchSize = batchSize;
        _shuffle = shuffle;
        if (stream.Rows < 1) throw new ArgumentException("the training stream has no rows");
        KeptRows = Math.Min(stream.Rows, options.MetricRows);
        _keptLabels = new double[KeptRows, model.Tasks.Count];
        _keptGroups = model.Setup()?.GroupBy is null ? null : new long[KeptRows];
    }

    public long Rows => _stream.Rows;

    public ulong Fingerprint => _stream.Fingerprint;

    public long KeptRows { get; }

    public EvaluationSet? Validation => null;

    public long[] Order(int seed, int epoch) => [];

    public void CheckResumable(TrainingPosition position)
    {
        if (position.Stream is not { } stream)
        {
            throw new ArgumentException("the checkpoint was written by a fit that held its data in memory; " +
                                        "resume it without streaming");
        }
        if (stream.KeptRows != KeptRows)
        {
            throw new ArgumentException($"the checkpoint keeps the predictions of {stream.KeptRows} rows per epoch, " +
                                        $"this fit {KeptRows}");
        }
        var expected = PartOrder(position.Seed, position.Epoch).Select(p => _stream.Parts[p]);
        if (stream.Parts is { } parts && !parts.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new ArgumentException("the checkpoint's epoch reads other files or another order of them than " +
                                        "this fit " +
                                        $"({string.Join(", ", parts)}); resume with the same data");
        }
    }

    public void BeginEpoch(EpochState state, int seed)
    {
        StopReading();
        var order = PartOrder(seed, state.Epoch);
        state.Stream = new StreamPosition(order.Select(p => _stream.Parts[p]).ToArray(), KeptRows);
        long skip = (long)state.Step * _batchSize;
        int chunkRows = Math.Max(1, _options.ChunkRows / _batchSize) * _batchSize;
        var rows = order.SelectMany(_stream.ReadPart);
        var random = _shuffle ? new Random(unchecked(seed + state.Epoch)) : null;
        var buffer = new ShuffleBuffer(_options.ShuffleBuffer, chunkRows, random);
        _reader = new ChunkPrefetcher(After(buffer.Shuffle(rows), skip), Convert, _options.PrefetchChunks);
        _currentStart = skip;
    }

    public TrainingBatch Take(EpochState state, long start, int size)
    {
        while (_current is null || start >= _currentStart + _current.Rows)
        {
            if (_current is not null) _currentStart += _current.Rows;
            _current?.Dispose();
            _current = _reader!.Next() ?? throw new InvalidDataException(
                $"the training stream ended after {_currentStart} rows of epoch {state.Epoch + 1}, " +
                $"but has {Rows} rows");
        }
        long offset = start - _currentStart;
        if (offset + size > _current.Rows)
        {
            throw new InvalidDataException($"the training stream ended after {_currentStart + _current.Rows} rows of " +
                                           $"epoch {state.Epoch + 1}, but has {Rows} rows");
        }
        return new TrainingBatch(_model.OnModelDevice(_current.Inputs.Narrow(offset, size)),
            _current.Labels.Values.narrow(0, offset, size).OnDevice(_model.Device),
            _current.Labels.Mask?.narrow(0, offset, size).OnDevice(_model.Device));
    }

    public void Record(Tensor output, EpochState state, long start) => state.RecordAt(start, output);

    public (double[,] Labels, double[,] Predictions, bool[,]? Mask, long[]? Groups) EpochRows(EpochState state)
    {
        bool more = _current is not null && _currentStart + _current.Rows > Rows;
        if (!more && _reader?.Next() is { } extra)
        {
            extra.Dispose();
            more = true;
        }
        if (more) throw new InvalidDataException($"the training stream has more rows than the {Rows} it announced");
        return (_keptLabels, state.Predictions, _keptMask, _keptGroups);
    }

    public void Dispose() => StopReading();

    private int[] PartOrder(int seed, int epoch) =>
        RowOrder.ForEpoch(_stream.Parts.Count, _shuffle, ~seed, epoch).Select(p => (int)p).ToArray();

    private void StopReading()
    {
        _current?.Dispose();
        _current = null;
        _reader?.Dispose();
        _reader = null;
    }

    // The shuffled rows from position `skip` on (a resumed epoch's rows done are read but not trained on again); the
    // labels of the epoch's first KeptRows rows are kept for its metrics, skipped or not.
    private IEnumerable<TrainingChunk> After(IEnumerable<TrainingChunk> chunks, long skip)
    {
        long emitted = 0;
        foreach (var chunk in chunks)
        {
            Keep(chunk, emitted);
            long first = emitted;
            emitted += chunk.Rows;
            if (emitted <= skip) continue;
            yield return first >= skip ? chunk : RowBlock.Tail(chunk, (int)(skip - first));
        }
    }

    private void Keep(TrainingChunk chunk, long first)
    {
        int tasks = _keptLabels.GetLength(1);
        long rows = Math.Clamp(KeptRows - first, 0, chunk.Rows);
        if (rows == 0) return;
        int offset = (int)(first * tasks), count = (int)(rows * tasks);
        Buffer.BlockCopy(chunk.Y, 0, _keptLabels, offset * sizeof(double), count * sizeof(double));
        if (_keptGroups is not null)
            Array.Copy(GroupKeys.Of(chunk.X, _model.Setup()?.GroupBy, _groupOrdinals)!, 0, _keptGroups, first, rows);
        if (chunk.Mask is null) return;
        _keptMask ??= new bool[KeptRows, tasks];
        Buffer.BlockCopy(chunk.Mask, 0, _keptMask, offset, count);
    }

    private ConvertedChunk Convert(TrainingChunk chunk)
    {
        var inputs = InputConverter.ToTensors(_model.Layout, chunk.X);
        try
        {
            var labels = LabelTable.Create(_model.Tasks, chunk.Y, chunk.Mask, inputs.Rows, "streamed labels");
            return new ConvertedChunk(inputs, labels);
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }
}
