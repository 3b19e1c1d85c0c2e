using System.Diagnostics;
using RecSharp.Mpi;

namespace RecSharp.Bench.Scaling;

/// <summary>
/// The two ways to sum a gradient-sized float buffer over the ranks, timed on the same buffer: RecSharp's direct,
/// in-place <c>MPI_Allreduce</c> (MPI_FLOAT, MPI_SUM) and MPI.NET's
/// <c>Allreduce(float[], Operation&lt;float&gt;.Add)</c>, which reduces through a managed delegate into a new array.
/// Milliseconds per call: the median of the calls, and the fastest direct call (on a machine whose cores other
/// processes share, most of a call can be waiting for the other ranks to be scheduled; the fastest is the transfer).
/// </summary>
internal static class AllReduceComparison
{
    /// <summary>
    /// Times <paramref name="calls"/> of each (after a few untimed ones) on <paramref name="elements"/> floats.
    /// </summary>
    public static (double DirectMs, double FastestDirectMs, double ManagedMs) Measure(MpiProcessGroup group,
        int elements, int calls)
    {
        ArgumentNullException.ThrowIfNull(group);
        var buffer = GC.AllocateArray<float>(elements, pinned: true);
        for (int i = 0; i < elements; i++) buffer[i] = i % 7 * 0.125f;
        var direct = Times(calls, () => group.AllReduceSum(buffer.AsSpan()));
        var add = MPI.Operation<float>.Add;
        var managed = Times(calls, () => MPI.Communicator.world.Allreduce(buffer, add));
        return (direct[calls / 2], direct[0], managed[calls / 2]);
    }

    // The sorted times of the calls, in milliseconds.
    private static double[] Times(int calls, Action call)
    {
        for (int i = 0; i < 3; i++) call();
        var times = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }
}
