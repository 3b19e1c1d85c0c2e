namespace RecSharp.Distributed;

/// <summary>
/// The processes (ranks) of a data-parallel fit and the collective operations it needs. Every rank calls the same
/// operations in the same order; an operation returns on a rank once every rank has called it. Implemented over MPI by
/// <c>RecSharp.Mpi</c>'s <c>MpiProcessGroup</c>; any engine with an allreduce, a broadcast and an allgather can
/// fill it.
/// </summary>
public interface IProcessGroup
{
    /// <summary>This process's rank, 0 to <see cref="Size"/> − 1; rank 0 writes the files and shows progress.</summary>
    int Rank { get; }

    /// <summary>The number of ranks.</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="values"/> on every rank by their element-wise sum over the ranks.</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>Replaces <paramref name="values"/> on every rank by their element-wise sum over the ranks.</summary>
    void AllReduceSum(Span<double> values);

    /// <summary>
    /// Returns rank <paramref name="root"/>'s <paramref name="data"/> on every rank (the others pass anything).
    /// </summary>
    byte[] Broadcast(byte[] data, int root = 0);

    /// <summary>Returns every rank's <paramref name="data"/> (of any length), indexed by rank, on every rank.</summary>
    byte[][] AllGather(byte[] data);
}
