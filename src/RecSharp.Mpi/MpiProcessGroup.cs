using System.Runtime.InteropServices;
using RecSharp.Distributed;
using static RecSharp.Mpi.MpichNative;

namespace RecSharp.Mpi;

/// <summary>
/// The ranks of an MPI job (<c>mpirun -np N …</c>) as the <see cref="IProcessGroup"/> of a data-parallel fit: MPI.NET
/// starts and ends MPI and aborts the job; the collectives are MPI calls made directly (see <c>MpichNative</c>), the
/// gradient sum an in-place <c>MPI_Allreduce</c> with <c>MPI_FLOAT</c>/<c>MPI_SUM</c> on the pinned gradient buffer.
/// Needs MPICH (or an MPI of its ABI, such as Intel MPI) and its <c>mpirun</c>. Started once per process; disposing it
/// ends MPI (every rank must).
/// </summary>
public sealed class MpiProcessGroup : IProcessGroup, IDisposable
{
    private readonly MPI.Environment _environment;
    private readonly MPI.Intracommunicator _world;

    private MpiProcessGroup(MPI.Environment environment)
    {
        _environment = environment;
        _world = MPI.Communicator.world;
        Rank = _world.Rank;
        Size = _world.Size;
    }

    /// <summary>Starts MPI in this process (one thread calls MPI) and joins the job's ranks.</summary>
    public static MpiProcessGroup Start()
    {
        MpichLibrary.Register();
        string[] arguments = [];
        var group = new MpiProcessGroup(new MPI.Environment(ref arguments, MPI.Threading.Funneled));
        if (group.Size == 1 && StartedByOpenMpi(out int expected))
        {
            group.Dispose();
            throw new InvalidOperationException($"MPI: this process was started by Open MPI's mpirun for {expected} " +
                "ranks, but RecSharp's MPI calls need MPICH's ABI; start the job with MPICH's mpirun (mpirun.mpich)");
        }
        return group;
    }

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <inheritdoc />
    public void AllReduceSum(Span<float> values)
    {
        if (values.IsEmpty || Size == 1) return;
        ref float first = ref MemoryMarshal.GetReference(values);
        Check("MPI_Allreduce", AllreduceFloat(InPlace, ref first, values.Length, FloatType, SumOp, CommWorld));
    }

    /// <inheritdoc />
    public void AllReduceSum(Span<double> values)
    {
        if (values.IsEmpty || Size == 1) return;
        ref double first = ref MemoryMarshal.GetReference(values);
        Check("MPI_Allreduce", AllreduceDouble(InPlace, ref first, values.Length, DoubleType, SumOp, CommWorld));
    }

    /// <inheritdoc />
    public byte[] Broadcast(byte[] data, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Size == 1) return data;
        int length = data.Length;
        Check("MPI_Bcast", BroadcastInt(ref length, 1, IntType, root, CommWorld));
        var result = Rank == root ? data : new byte[length];
        ref byte first = ref MemoryMarshal.GetArrayDataReference(result);
        Check("MPI_Bcast", BroadcastBytes(ref first, length, ByteType, root, CommWorld));
        return result;
    }

    /// <inheritdoc />
    public byte[][] AllGather(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Size == 1) return [data];
        int length = data.Length;
        var lengths = new int[Size];
        Check("MPI_Allgather", AllgatherInt(ref length, 1, IntType, ref lengths[0], 1, IntType, CommWorld));
        var offsets = new int[Size];
        for (int r = 1; r < Size; r++) offsets[r] = checked(offsets[r - 1] + lengths[r - 1]);
        var all = new byte[checked(offsets[^1] + lengths[^1])];
        ref byte mine = ref MemoryMarshal.GetArrayDataReference(data);
        ref byte gathered = ref MemoryMarshal.GetArrayDataReference(all);
        int code = AllgathervBytes(ref mine, length, ByteType, ref gathered, ref lengths[0], ref offsets[0], ByteType,
            CommWorld);
        Check("MPI_Allgatherv", code);
        return Enumerable.Range(0, Size).Select(r => all.AsSpan(offsets[r], lengths[r]).ToArray()).ToArray();
    }

    /// <summary>
    /// Ends every rank of the job at once with <paramref name="exitCode"/> (MPI_Abort): what a rank that fails does, so
    /// that no other rank waits for it forever. What this rank wrote to its standard output and error reaches
    /// <c>mpirun</c> first (see <see cref="LauncherOutput"/>).
    /// </summary>
    public void Abort(int exitCode)
    {
        LauncherOutput.Drain();
        _world.Abort(exitCode);
    }

    /// <summary>Ends MPI in this process.</summary>
    public void Dispose() => _environment.Dispose();

    private static bool StartedByOpenMpi(out int size) =>
        int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"), out size) && size > 1;

    private static void Check(string call, int code)
    {
        if (code != Success) throw new InvalidOperationException($"MPI: {call} failed with error code {code}");
    }
}
