using System.Diagnostics;
using RecSharp.Mpi;

namespace RecSharp.Bench.Scaling;

/// <summary>
/// The two ways to sum a gradient-sized float buffer over the ranks, timed on the same buffer: RecSharp's direct,
/// in-place <c>MPI_Allreduce</c> (MPI_FLOAT, MPI_SUM) and MPI.NET's
/// <c>Allreduce(float[], Operation&lt;float&gt;.Add)</c>, which reduces through a managed delegate into a new array.
/// Milliseconds per call, the median of the calls.
/// </summary>
public static class AllReduceComparison
{
    /// <summary>
    /// Times <paramref name="calls"/> of each (after a few untimed ones) on <paramref name="elements"/> floats.
    /// </summary>
    public static (double DirectMs, double ManagedMs) Measure(MpiProcessGroup group, int elements, int calls)
    {
        ArgumentNullException.ThrowIfNull(group);
        var buffer = GC.AllocateArray<float>(elements, pinned: true);
        for (int i = 0; i < elements; i++) buffer[i] = i % 7 * 0.125f;
        double direct = Median(calls, () => group.AllReduceSum(buffer.AsSpan()));
        var add = MPI.Operation<float>.Add;
        double managed = Median(calls, () => MPI.Communicator.world.Allreduce(buffer, add));
        return (direct, managed);
    }

    private static double Median(int calls, Action call)
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
        return times[calls / 2];
    }
}
