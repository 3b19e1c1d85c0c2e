using System.Globalization;
using System.Runtime.InteropServices;
using RecSharp.Distributed;
using RecSharp.Runtime;
using RecSharp.Models;
using RecSharp.Training.Callbacks;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>One call of <c>Fit</c>: the epochs, the steps, the callbacks and the progress output.</summary>
internal sealed class TrainingRun(MultiTaskModel model, TrainingSetup setup, IBatchSource source,
    EvaluationSet? validationData, int batchSize, bool shuffle, bool stopOnNonFiniteLoss, int seed, int verbose,
    TextWriter output, IProcessGroup? group = null)
{
    private readonly ProgressReporter _progress = new(group is { Rank: not 0 } ? 0 : verbose, output);
    private readonly bool _regularizes = group is null || group.Rank == 0;       // the penalty's gradient counts once
    private DistributedFit? _sync;
    private double? _firstStepLoss;
    private bool _warnedOfGrowth;

    /// <summary>
    /// Runs epochs <paramref name="initialEpoch"/> to <paramref name="epochs"/>, or continues from <paramref
    /// name="resume"/>: a checkpoint's position, checked against this fit before its <c>Restore</c> loads the weights
    /// and optimizer state.
    /// </summary>
    public History Execute(int initialEpoch, int epochs, IReadOnlyList<Callback> userCallbacks,
        (TrainingPosition Position, Action Restore)? resume = null)
    {
        long trainRows = source.Rows;
        ulong fingerprint = source.Fingerprint;
        using var sync = group is null ? null : new DistributedFit(group, model, setup);
        _sync = sync;
        if (sync is not null) fingerprint = sync.Begin(trainRows, fingerprint);
        var position = resume?.Position;
        if (position is not null) CheckResumable(position, sync?.GlobalRows ?? trainRows, fingerprint);
        if (position is not null && sync is not null) position = sync.ToLocal(position);
        resume?.Restore();
        sync?.BroadcastState();
        var validation = validationData ?? source.Validation;

        var history = new History();
        var callbacks = new List<Callback> { history };
        callbacks.AddRange(userCallbacks);

        using var replicas = new ReplicaSet(model);
        int rankSeed = sync?.RankSeed(seed) ?? seed;
        if (position is null)
        {
            random.manual_seed(rankSeed);
        }
        else
        {
            using var state = tensor(position.RandomState, ScalarType.Byte);
            random.set_rng_state(state);
        }
        int firstEpoch = position?.Epoch ?? initialEpoch;
        using var epochState = new EpochState(firstEpoch, trainRows, model.Tasks.Count, fingerprint, model.Device,
            source.KeptRows);
        var context = new TrainingContext(model, setup, group?.Rank ?? 0, () => sync is null
            ? epochState.Position(seed, shuffle, batchSize)
            : sync.ToGlobal(epochState.Position(seed, shuffle, batchSize)));
        foreach (var callback in callbacks) callback.Attach(context);
        try
        {
            foreach (var callback in callbacks) callback.OnTrainBegin();
            var lastLogs = new Dictionary<string, double>();
            for (int epoch = firstEpoch; epoch < epochs && !context.StopRequested; epoch++)
            {
                if (epoch == firstEpoch && position is not null)
                    epochState.Continue(position, position.Order ?? source.Order(position.Seed, position.Epoch));
                else epochState.Begin(epoch, source.Order(rankSeed, epoch));
                source.BeginEpoch(epochState, rankSeed);
                foreach (var callback in callbacks) callback.OnEpochBegin(epoch);
                var logs = RunEpoch(epochState, epochs, replicas, callbacks);
                WarnOfLossGrowth(epoch, logs["loss"], history);
                sync?.BroadcastState();                               // BatchNorm statistics: rank 0's on every rank
                if (validation is not null)
                {
                    foreach (var (name, value) in validation.Metrics(model, setup, EvaluationBatch, "val_", group))
                        logs[name] = value;
                }
                _progress.EpochEnd(epoch, epochs, logs);
                epochState.End();
                foreach (var callback in callbacks) callback.OnEpochEnd(epoch, logs);
                lastLogs = logs;
            }
            foreach (var callback in callbacks) callback.OnTrainEnd(lastLogs);
            return history;
        }
        finally
        {
            context.End();                                            // its position is gone with the fit
        }
    }

    /// <summary>
    /// Warns, once per fit, when an epoch's training loss per row is <see cref="LossGrowthWarningFactor"/> times
    /// that of the fit's first step or more: training that makes the loss an order of magnitude worse than where it
    /// started is diverging even while the loss stays finite (a too high learning rate with bounded losses, exploding
    /// regularisation). Only positive losses are compared (uncertainty weighting can make the loss negative).
    /// </summary>
    private void WarnOfLossGrowth(int epoch, double loss, History history)
    {
        if (_warnedOfGrowth || _firstStepLoss is not (> 0 and var first) || !(loss >= LossGrowthWarningFactor * first))
            return;
        _warnedOfGrowth = true;
        string warning = string.Create(CultureInfo.InvariantCulture,
            $"the training loss of epoch {epoch + 1} ({loss:G4} per row) is {loss / first:G3} times that of the " +
            $"first step ({first:G4}): training is probably diverging; lower the learning rate");
        history.AddWarning(warning);
        _progress.Warning(warning);
    }

    // Validation rows are predicted in batches of at least this many rows.
    private int EvaluationBatch => Math.Max(batchSize, 1024);

    /// <summary>How many times the first step's loss an epoch's loss must reach for a divergence warning.</summary>
    internal const double LossGrowthWarningFactor = 10;

    private void CheckResumable(TrainingPosition position, long trainRows, ulong fingerprint)
    {
        source.CheckResumable(position);
        int processes = group?.Size ?? 1;
        if (position.WorldSize != processes)
        {
            throw new ArgumentException($"the checkpoint was written by {position.WorldSize} process(es), this fit " +
                                        $"runs on {processes}; resume it on {position.WorldSize}");
        }
        if (position.Rows != trainRows || position.LabelFingerprint != fingerprint)
        {
            throw new ArgumentException($"the checkpoint was written for {position.Rows} training rows with other " +
                $"labels than these {trainRows} rows; resume with the same data and validation split");
        }
        if (position.Seed != seed)
        {
            throw new ArgumentException(
                $"the checkpoint was written with seed {position.Seed}, this fit uses {seed}");
        }
        if (position.Shuffle != shuffle)
        {
            throw new ArgumentException(
                $"the checkpoint was written with shuffle {position.Shuffle}, this fit uses {shuffle}");
        }
        if (position.BatchSize != batchSize)
        {
            throw new ArgumentException(
                $"the checkpoint was written with batchSize {position.BatchSize}, this fit uses {batchSize}");
        }
    }

    private Dictionary<string, double> RunEpoch(EpochState state, int epochs, ReplicaSet replicas,
        List<Callback> callbacks)
    {
        model.train();
        long rows = source.Rows;
        long epochRows = _sync?.GlobalRows ?? rows;
        int epoch = state.Epoch;
        int steps = _sync?.Steps(batchSize) ?? (int)((rows + batchSize - 1) / batchSize);
        var batchBegin = callbacks.Where(c => c.HandlesBatchBegin).ToArray();      // only those that ask, per step
        var batchEnd = callbacks.Where(c => c.HandlesBatchEnd).ToArray();
        _progress.EpochBegin(epoch, epochs, epochRows);
        for (int step = state.Step; step < steps; step++)
        {
            foreach (var callback in batchBegin) callback.OnBatchBegin(step);
            long start = (long)step * batchSize;
            int size = (int)Math.Clamp(rows - start, 0, batchSize);
            double batchLoss;
            try
            {
                using var scope = NewDisposeScope();
                var (batch, y, m) = source.Take(state, start, size);
                setup.Optimizer.zero_grad();
                // (size, tasks), detached
                var outputs = replicas.ForwardBackward(setup, batch, y, m, out batchLoss, _regularizes);
                if (_sync is not null) batchLoss = _sync.ReduceGradients(batchLoss);
                if (stopOnNonFiniteLoss && !double.IsFinite(batchLoss))
                {
                    throw outputs.isfinite().all().item<bool>()
                        ? new TrainingDivergedException(epoch, step, batchLoss)
                        : TrainingDivergedException.NonFiniteOutputs(epoch, step);
                }
                setup.Optimizer.step();
                source.Record(outputs, state, start);
            }
            catch (ExternalException e)
            {
                throw new TorchOperationException($"training step {step + 1} of epoch {epoch + 1} ({size} rows)", e);
            }
            state.StepDone(batchLoss);
            long done = _sync?.RowsDone(step + 1, batchSize) ?? start + size;
            long stepRows = done - (_sync?.RowsDone(step, batchSize) ?? start);
            _firstStepLoss ??= batchLoss / stepRows;
            var batchLogs = new Dictionary<string, double>
            {
                [BatchLogKeys.Loss] = batchLoss / stepRows,
                [BatchLogKeys.Size] = stepRows,
                [BatchLogKeys.Rows] = done,
                [BatchLogKeys.EpochRows] = epochRows,
                [BatchLogKeys.RunningLoss] = state.LossSum / done,
            };
            foreach (var callback in batchEnd) callback.OnBatchEnd(step, batchLogs);
            _progress.Step(done, state.LossSum / done);
        }
        // A last step may leave non-finite weights behind a finite loss; they must not reach validation or checkpoints.
        if (stopOnNonFiniteLoss) FiniteWeights.Require(model, epoch, steps - 1);
        var (seen, predicted, applies, groups) = source.EpochRows(state);
        if (_sync is not null) (seen, predicted, applies, groups) = _sync.GatherRows(seen, predicted, applies, groups);
        var logs = MetricLogs.Compute(model.Tasks, setup.TaskMetrics, seen, predicted, applies, groups, "");
        logs["loss"] = state.LossSum / epochRows;
        return logs;
    }
}
