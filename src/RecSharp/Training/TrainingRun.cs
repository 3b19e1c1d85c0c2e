using RecSharp.Runtime;
using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Training.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>One call of <c>Fit</c>: the epochs, the steps, the callbacks and the progress output.</summary>
internal sealed class TrainingRun
{
    private readonly MultiTaskModel _model;
    private readonly TrainingSetup _setup;
    private readonly TensorInputs _all;
    private readonly LabelTable _labels;
    private readonly EvaluationSet? _validationData;
    private readonly double _validationSplit;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly bool _stopOnNonFiniteLoss;
    private readonly int _seed;
    private readonly ProgressReporter _progress;

    public TrainingRun(MultiTaskModel model, TrainingSetup setup, TensorInputs all, LabelTable labels, EvaluationSet? validationData,
        double validationSplit, int batchSize, bool shuffle, bool stopOnNonFiniteLoss, int seed, int verbose, TextWriter output)
    {
        _model = model;
        _setup = setup;
        _all = all;
        _labels = labels;
        _validationData = validationData;
        _validationSplit = validationSplit;
        _batchSize = batchSize;
        _shuffle = shuffle;
        _stopOnNonFiniteLoss = stopOnNonFiniteLoss;
        _seed = seed;
        _progress = new ProgressReporter(verbose, output);
    }

    public History Execute(int initialEpoch, int epochs, IReadOnlyList<Callback> userCallbacks)
    {
        long rows = _all.Rows;
        long trainRows = _validationData is null && _validationSplit > 0 ? (long)(rows * (1 - _validationSplit)) : rows;
        if (trainRows < 1) throw new ArgumentException($"no training rows are left: {rows} rows with validationSplit {_validationSplit}");
        using var train = _model.OnModelDevice(_all.Narrow(0, trainRows));
        using var trainLabels = _labels.Values.narrow(0, 0, trainRows).OnDevice(_model.Device);
        using var trainMask = _labels.Mask?.narrow(0, 0, trainRows).OnDevice(_model.Device);
        using var splitValidation = _validationData is null && trainRows < rows
            ? new EvaluationSet(_all.Narrow(trainRows, rows - trainRows), SliceRows(_labels.Raw, trainRows), _labels.RawMask is null ? null : SliceRows(_labels.RawMask, trainRows), ownsInputs: true)
            : null;
        var validation = _validationData ?? splitValidation;

        var history = new History();
        var control = new TrainingControl();
        var callbacks = new List<Callback> { history };
        callbacks.AddRange(userCallbacks);
        foreach (var callback in callbacks) callback.Attach(_model, control);

        using var replicas = new ReplicaSet(_model);
        random.manual_seed(_seed);
        foreach (var callback in callbacks) callback.OnTrainBegin();
        var lastLogs = new Dictionary<string, double>();
        for (int epoch = initialEpoch; epoch < epochs && !control.StopRequested; epoch++)
        {
            foreach (var callback in callbacks) callback.OnEpochBegin(epoch);
            var logs = RunEpoch(epoch, epochs, train, trainLabels, trainMask, replicas, callbacks);
            if (validation is not null)
                foreach (var (name, value) in validation.Metrics(_model, _setup, Math.Max(_batchSize, 1024), "val_")) logs[name] = value;
            _progress.EpochEnd(epoch, epochs, logs);
            foreach (var callback in callbacks) callback.OnEpochEnd(epoch, logs);
            lastLogs = logs;
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(lastLogs);
        return history;
    }

    private Dictionary<string, double> RunEpoch(int epoch, int epochs, TensorInputs train, Tensor labels, Tensor? mask,
        ReplicaSet replicas, List<Callback> callbacks)
    {
        _model.train();
        long rows = train.Rows;
        long[] order = RowOrder.ForEpoch(rows, _shuffle, _seed, epoch);
        var predictions = new double[rows, _model.Tasks.Count];
        double lossSum = 0;
        int steps = (int)((rows + _batchSize - 1) / _batchSize);
        _progress.EpochBegin(epoch, epochs, rows);
        for (int step = 0; step < steps; step++)
        {
            foreach (var callback in callbacks) callback.OnBatchBegin(step);
            long start = (long)step * _batchSize;
            int size = (int)Math.Min(_batchSize, rows - start);
            double batchLoss;
            using (var scope = NewDisposeScope())
            {
                var index = tensor(order.AsSpan((int)start, size).ToArray(), ScalarType.Int64).OnDevice(_model.Device);
                var batch = train.Select(index);
                var y = labels.index_select(0, index);
                var m = mask?.index_select(0, index);
                _setup.Optimizer.zero_grad();
                var output = replicas.ForwardBackward(_setup, batch, y, m, out batchLoss);      // (size, tasks), detached
                if (_stopOnNonFiniteLoss && !double.IsFinite(batchLoss))
                    throw new TrainingDivergedException(epoch, step, batchLoss);
                _setup.Optimizer.step();
                CopyRows(output, order, start, predictions);
            }
            lossSum += batchLoss;
            long done = start + size;
            var batchLogs = new Dictionary<string, double>
            {
                [BatchLogKeys.Loss] = batchLoss / size,
                [BatchLogKeys.Size] = size,
                [BatchLogKeys.Rows] = done,
                [BatchLogKeys.EpochRows] = rows,
                [BatchLogKeys.RunningLoss] = lossSum / done,
            };
            foreach (var callback in callbacks) callback.OnBatchEnd(step, batchLogs);
            _progress.Step(done, lossSum / done);
        }
        var logs = MetricLogs.Compute(_model.Tasks, _setup.Metrics, SliceRows(_labels.Raw, 0, rows), predictions,
            _labels.RawMask is null ? null : SliceRows(_labels.RawMask, 0, rows), "");
        logs["loss"] = lossSum / rows;
        return logs;
    }

    private static void CopyRows(Tensor output, long[] order, long start, double[,] predictions)
    {
        var values = output.to(DeviceType.CPU).to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        int tasks = predictions.GetLength(1);
        for (int i = 0; i < values.Length / tasks; i++)
            for (int t = 0; t < tasks; t++) predictions[order[start + i], t] = values[i * tasks + t];
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
