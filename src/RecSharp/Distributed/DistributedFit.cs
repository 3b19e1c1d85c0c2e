using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Distributed;

/// <summary>
/// What a fit does together with the other ranks of its <see cref="IProcessGroup"/>: agree on the training rows
/// (each rank trains on its own) and on the steps of an epoch, start from rank 0's state, sum each step's gradients,
/// compute metrics over every rank's rows, and turn the ranks' positions into one checkpoint position and back.
/// Rank r's rows are numbered, in the global view, after those of ranks 0 to r − 1.
/// </summary>
internal sealed class DistributedFit : IDisposable
{
    private const string LogVariancesKey = "uncertainty_log_variances";
    private readonly MultiTaskModel _model;
    private readonly TrainingSetup _setup;
    private readonly GradientBuckets _gradients;
    private long[] _rows = [];

    public DistributedFit(IProcessGroup group, MultiTaskModel model, TrainingSetup setup)
    {
        Group = group;
        _model = model;
        _setup = setup;
        var parameters = model.parameters();
        _gradients = new GradientBuckets(setup.UncertaintyLogVariances is { } s ? parameters.Append(s) : parameters);
    }

    public IProcessGroup Group { get; }

    /// <summary>The training rows of every rank together.</summary>
    public long GlobalRows => _rows.Sum();

    /// <summary>
    /// Learns every rank's training rows; returns the fingerprint of all ranks' labels, in rank order, which a
    /// checkpoint keeps to refuse resuming on other data or another division of it.
    /// </summary>
    public ulong Begin(long localRows, ulong localFingerprint)
    {
        var mine = new long[] { localRows, unchecked((long)localFingerprint) };
        var all = Group.AllGather(RowGather.ToBytes(mine)).Select(FromBytes<long>).ToArray();
        _rows = all.Select(a => a[0]).ToArray();
        const ulong prime = 1099511628211;
        ulong hash = 14695981039346656037;
        foreach (long value in all.SelectMany(a => a))
            for (int b = 0; b < 8; b++) hash = (hash ^ (byte)((ulong)value >> (8 * b))) * prime;
        return hash;
    }

    /// <summary>The seed of this rank's row order and dropout: the fit's seed on rank 0, others elsewhere.</summary>
    public int RankSeed(int seed) => unchecked(seed ^ (int)(0x9E3779B9u * (uint)Group.Rank));

    /// <summary>Steps per epoch: enough for the rank with the most rows (the others sit some last steps out).</summary>
    public int Steps(int batchSize) => (int)((_rows.Max() + batchSize - 1) / batchSize);

    /// <summary>The rows of every rank done after <paramref name="steps"/> steps.</summary>
    public long RowsDone(int steps, int batchSize) => _rows.Sum(r => Math.Min(r, (long)steps * batchSize));

    /// <summary>Bytes each rank sends into one step's gradient reduction.</summary>
    public long GradientBytes => _gradients.BytesPerStep;

    /// <summary>Puts rank 0's parameters, buffers and uncertainty log-variances on every rank.</summary>
    public void BroadcastState()
    {
        byte[] mine = Group.Rank == 0 ? SafeTensorsFormat.ToBytes(StateEntries()) : [];
        byte[] state = Group.Broadcast(mine);
        if (Group.Rank == 0) return;
        var targets = _model.state_dict();
        using var noGrad = no_grad();
        foreach (var entry in SafeTensorsFormat.Read(state).Entries)
        {
            using var value = TensorEntries.ToTensor(entry);
            var target = entry.Name == LogVariancesKey ? _setup.UncertaintyLogVariances! : targets[entry.Name];
            target.copy_(value);
        }
    }

    /// <summary>Sums the step's gradients over the ranks; returns the step's loss summed over the ranks.</summary>
    public double ReduceGradients(double localLoss) => _gradients.Reduce(Group, localLoss);

    /// <summary>
    /// Every rank's rows of labels, predictions and mask (<c>(rows, tasks)</c> each) and of GAUC group keys
    /// (<c>(rows)</c>), in rank order.
    /// </summary>
    public (double[,] Labels, double[,] Predictions, bool[,]? Mask, long[]? Groups) GatherRows(double[,] labels,
        double[,] predictions, bool[,]? mask, long[]? groups) =>
        (RowGather.Gather(Group, labels), RowGather.Gather(Group, predictions),
            mask is null ? null : RowGather.Gather(Group, mask),
            groups is null ? null : RowGather.Gather(Group, groups));

    /// <summary>The position of the whole fit from this rank's: the collective part of writing a checkpoint.</summary>
    public TrainingPosition ToGlobal(TrainingPosition local)
    {
        long[] offsets = Offsets();
        long[]? order = null;
        if (local.Order is { } mine)
        {
            var orders = Group.AllGather(RowGather.ToBytes(mine)).Select(FromBytes<long>).ToArray();
            order = orders.SelectMany((o, r) => o.Select(row => row + offsets[r])).ToArray();
        }
        var randomStates = Group.AllGather(local.RandomState);
        return new TrainingPosition
        {
            Epoch = local.Epoch, Step = local.Step, Seed = local.Seed, Shuffle = local.Shuffle,
            BatchSize = local.BatchSize, Rows = GlobalRows, LabelFingerprint = local.LabelFingerprint,
            LossSum = local.LossSum,
            Order = order,
            Predictions = local.Predictions is { } predictions ? RowGather.Gather(Group, predictions) : null,
            RandomState = randomStates[0],
            WorldSize = Group.Size,
            RankRandomStates = Group.Size > 1 ? randomStates : null,
        };
    }

    /// <summary>This rank's part of a checkpoint's position, written by as many ranks (checked before).</summary>
    public TrainingPosition ToLocal(TrainingPosition global)
    {
        byte[] randomState = global.RankRandomStates?[Group.Rank] ?? global.RandomState;    // one rank: its only one
        long offset = Offsets()[Group.Rank];
        long rows = _rows[Group.Rank];
        long[]? order = global.Order?.Skip((int)offset).Take((int)rows).Select(row => row - offset).ToArray();
        if (order is not null && !order.Order().SequenceEqual(LongRange(rows)))
        {
            throw new ArgumentException(
                $"the checkpoint's rank {Group.Rank} trained on other rows than this rank's {rows} rows");
        }
        double[,]? predictions = null;
        if (global.Predictions is { } all)
        {
            int tasks = all.GetLength(1);
            predictions = new double[rows, tasks];
            int rowBytes = tasks * sizeof(double);
            Buffer.BlockCopy(all, (int)(offset * rowBytes), predictions, 0, (int)(rows * rowBytes));
        }
        return new TrainingPosition
        {
            Epoch = global.Epoch, Step = global.Step, Seed = global.Seed, Shuffle = global.Shuffle,
            BatchSize = global.BatchSize, Rows = rows, LabelFingerprint = global.LabelFingerprint,
            LossSum = global.LossSum,
            Order = order ?? RowOrder.ForEpoch(rows, global.Shuffle, RankSeed(global.Seed), global.Epoch),
            Predictions = predictions,
            RandomState = randomState,
        };
    }

    public void Dispose() => _gradients.Dispose();

    private List<SafeTensorEntry> StateEntries()
    {
        var entries = new List<SafeTensorEntry>(ModelArtifact.WeightEntries(_model));
        if (_setup.UncertaintyLogVariances is { } s) entries.Add(TensorEntries.FromTensor(LogVariancesKey, s));
        return entries;
    }

    private long[] Offsets()
    {
        var offsets = new long[_rows.Length];
        for (int r = 1; r < offsets.Length; r++) offsets[r] = offsets[r - 1] + _rows[r - 1];
        return offsets;
    }

    private static long[] LongRange(long count)
    {
        var range = new long[count];
        for (long i = 0; i < count; i++) range[i] = i;
        return range;
    }

    private static T[] FromBytes<T>(byte[] bytes) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
}
