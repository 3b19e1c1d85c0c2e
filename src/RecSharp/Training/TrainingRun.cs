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
    private readonly long[]? _groups;
    private readonly EvaluationSet? _validationData;
    private readonly double _validationSplit;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly bool _stopOnNonFiniteLoss;
    private readonly int _seed;
    private readonly ProgressReporter _progress;

    public TrainingRun(MultiTaskModel model, TrainingSetup setup, TensorInputs all, LabelTable labels, long[]? groups,
        EvaluationSet? validationData, double validationSplit, int batchSize, bool shuffle, bool stopOnNonFiniteLoss,
        int seed, int verbose, TextWriter output)
    {
        _model = model;
        _setup = setup;
        _all = all;
        _labels = labels;
        _groups = groups;
        _validationData = validationData;
        _validationSplit = validationSplit;
        _batchSize = batchSize;
        _shuffle = shuffle;
        _stopOnNonFiniteLoss = stopOnNonFiniteLoss;
        _seed = seed;
        _progress = new ProgressReporter(verbose, output);
    }

    /// <summary>
    /// Runs epochs <paramref name="initialEpoch"/> to <paramref name="epochs"/>, or continues from <paramref name="resume"/>:
    /// a checkpoint's position, checked against this fit before its <c>Restore</c> loads the weights and optimizer state.
    /// </summary>
    public History Execute(int initialEpoch, int epochs, IReadOnlyList<Callback> userCallbacks,
        (TrainingPosition Position, Action Restore)? resume = null)
    {
        long rows = _all.Rows;
        long trainRows = _validationData is null && _validationSplit > 0 ? (long)(rows * (1 - _validationSplit)) : rows;
        if (trainRows < 1) throw new ArgumentException($"no training rows are left: {rows} rows with validationSplit {_validationSplit}");
        ulong fingerprint = _labels.Fingerprint(trainRows);
        var position = resume?.Position;
        if (position is not null) CheckResumable(position, trainRows, fingerprint);
        resume?.Restore();
        using var train = _model.OnModelDevice(_all.Narrow(0, trainRows));
        using var trainLabels = _labels.Values.narrow(0, 0, trainRows).OnDevice(_model.Device);
        using var trainMask = _labels.Mask?.narrow(0, 0, trainRows).OnDevice(_model.Device);
        using var splitValidation = _validationData is null && trainRows < rows
            ? new EvaluationSet(_all.Narrow(trainRows, rows - trainRows), SliceRows(_labels.Raw, trainRows),
                _labels.RawMask is null ? null : SliceRows(_labels.RawMask, trainRows), _groups?[(int)trainRows..],
                ownsInputs: true)
            : null;
        var validation = _validationData ?? splitValidation;

        var history = new History();
        var control = new TrainingControl();
        var callbacks = new List<Callback> { history };
        callbacks.AddRange(userCallbacks);
        foreach (var callback in callbacks) callback.Attach(_model, control);

        using var replicas = new ReplicaSet(_model);
        if (position is null) random.manual_seed(_seed);
        else
        {
            using var state = tensor(position.RandomState, ScalarType.Byte);
            random.set_rng_state(state);
        }
        int firstEpoch = position?.Epoch ?? initialEpoch;
        var epochState = new EpochState(firstEpoch, trainRows, _model.Tasks.Count, fingerprint);
        control.PositionSource = () => epochState.Position(_seed, _shuffle, _batchSize);
        foreach (var callback in callbacks) callback.OnTrainBegin();
        var lastLogs = new Dictionary<string, double>();
        for (int epoch = firstEpoch; epoch < epochs && !control.StopRequested; epoch++)
        {
            if (epoch == firstEpoch && position is not null) epochState.Continue(position);
            else epochState.Begin(epoch, RowOrder.ForEpoch(trainRows, _shuffle, _seed, epoch));
            foreach (var callback in callbacks) callback.OnEpochBegin(epoch);
            var logs = RunEpoch(epochState, epochs, train, trainLabels, trainMask, replicas, callbacks);
            if (validation is not null)
                foreach (var (name, value) in validation.Metrics(_model, _setup, Math.Max(_batchSize, 1024), "val_")) logs[name] = value;
            _progress.EpochEnd(epoch, epochs, logs);
            epochState.End();
            foreach (var callback in callbacks) callback.OnEpochEnd(epoch, logs);
            lastLogs = logs;
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(lastLogs);
        return history;
    }

    private void CheckResumable(TrainingPosition position, long trainRows, ulong fingerprint)
    {
        if (position.Rows != trainRows || position.LabelFingerprint != fingerprint)
            throw new ArgumentException($"the checkpoint was written for {position.Rows} training rows with other labels than these {trainRows} rows; resume with the same data and validation split");
        if (position.Seed != _seed) throw new ArgumentException($"the checkpoint was written with seed {position.Seed}, this fit uses {_seed}");
        if (position.Shuffle != _shuffle) throw new ArgumentException($"the checkpoint was written with shuffle {position.Shuffle}, this fit uses {_shuffle}");
        if (position.BatchSize != _batchSize) throw new ArgumentException($"the checkpoint was written with batchSize {position.BatchSize}, this fit uses {_batchSize}");
    }

    private Dictionary<string, double> RunEpoch(EpochState state, int epochs, TensorInputs train, Tensor labels, Tensor? mask,
        ReplicaSet replicas, List<Callback> callbacks)
    {
        _model.train();
        long rows = train.Rows;
        int epoch = state.Epoch;
        int steps = (int)((rows + _batchSize - 1) / _batchSize);
        _progress.EpochBegin(epoch, epochs, rows);
        for (int step = state.Step; step < steps; step++)
        {
            foreach (var callback in callbacks) callback.OnBatchBegin(step);
            long start = (long)step * _batchSize;
            int size = (int)Math.Min(_batchSize, rows - start);
            double batchLoss;
            using (var scope = NewDisposeScope())
            {
                var index = tensor(state.Order.AsSpan((int)start, size).ToArray(), ScalarType.Int64).OnDevice(_model.Device);
                var batch = train.Select(index);
                var y = labels.index_select(0, index);
                var m = mask?.index_select(0, index);
                _setup.Optimizer.zero_grad();
                var output = replicas.ForwardBackward(_setup, batch, y, m, out batchLoss);      // (size, tasks), detached
                if (_stopOnNonFiniteLoss && !double.IsFinite(batchLoss))
                    throw new TrainingDivergedException(epoch, step, batchLoss);
                _setup.Optimizer.step();
                CopyRows(output, state.Order, start, state.Predictions);
            }
            state.StepDone(batchLoss);
            long done = start + size;
            var batchLogs = new Dictionary<string, double>
            {
                [BatchLogKeys.Loss] = batchLoss / size,
                [BatchLogKeys.Size] = size,
                [BatchLogKeys.Rows] = done,
                [BatchLogKeys.EpochRows] = rows,
                [BatchLogKeys.RunningLoss] = state.LossSum / done,
            };
            foreach (var callback in callbacks) callback.OnBatchEnd(step, batchLogs);
            _progress.Step(done, state.LossSum / done);
        }
        var rawMask = _labels.RawMask is null ? null : SliceRows(_labels.RawMask, 0, rows);
        var logs = MetricLogs.Compute(_model.Tasks, _setup.TaskMetrics, SliceRows(_labels.Raw, 0, rows),
            state.Predictions, rawMask, _groups?[..(int)rows], "");
        logs["loss"] = state.LossSum / rows;
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
