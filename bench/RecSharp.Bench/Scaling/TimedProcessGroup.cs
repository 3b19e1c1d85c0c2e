using System.Diagnostics;
using RecSharp.Distributed;

namespace RecSharp.Bench.Scaling;

/// <summary>
/// A process group that times its float allreduces (in a fit, the gradient sums: one per step while the gradients fit
/// one bucket) and passes every call on to the group it wraps.
/// </summary>
internal sealed class TimedProcessGroup(IProcessGroup inner) : IProcessGroup
{
    private long _ticks;

    /// <summary>Float allreduces since the last <see cref="Reset"/>.</summary>
    public int FloatCalls { get; private set; }

    /// <summary>Seconds spent in them, waiting for slower ranks included.</summary>
    public double FloatSeconds => (double)_ticks / Stopwatch.Frequency;

    /// <summary>Bytes this rank passed to them.</summary>
    public long FloatBytes { get; private set; }

    /// <inheritdoc />
    public int Rank => inner.Rank;

    /// <inheritdoc />
    public int Size => inner.Size;

    /// <summary>Forgets the calls so far.</summary>
    public void Reset() => (FloatCalls, _ticks, FloatBytes) = (0, 0, 0);

    /// <inheritdoc />
    public void AllReduceSum(Span<float> values)
    {
        long start = Stopwatch.GetTimestamp();
        inner.AllReduceSum(values);
        _ticks += Stopwatch.GetTimestamp() - start;
        FloatCalls++;
        FloatBytes += (long)values.Length * sizeof(float);
    }

    /// <inheritdoc />
    public void AllReduceSum(Span<double> values) => inner.AllReduceSum(values);

    /// <inheritdoc />
    public byte[] Broadcast(byte[] data, int root = 0) => inner.Broadcast(data, root);

    /// <inheritdoc />
    public byte[][] AllGather(byte[] data) => inner.AllGather(data);
}
