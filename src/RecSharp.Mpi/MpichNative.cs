using System.Runtime.InteropServices;

namespace RecSharp.Mpi;

/// <summary>
/// The MPI calls made directly rather than through MPI.NET: the in-place sum of float and double buffers, which
/// MPI.NET would run through a managed reduction delegate on copied arrays, and the broadcast and gather of bytes,
/// for which MPI.NET builds datatypes it never frees (MPICH reports them as leaked at exit). Handles are MPICH's
/// integer constants.
/// </summary>
internal static partial class MpichNative
{
    public const int CommWorld = 0x44000000;
    public const int FloatType = 0x4c00040a;
    public const int DoubleType = 0x4c00080b;
    public const int ByteType = 0x4c00010d;
    public const int IntType = 0x4c000405;
    public const int SumOp = 0x58000003;
    public const int Success = 0;

    /// <summary>MPI_IN_PLACE: the send buffer is the receive buffer.</summary>
    public static readonly IntPtr InPlace = -1;

    [LibraryImport(MpichLibrary.Name, EntryPoint = "MPI_Allreduce")]
    public static partial int AllreduceFloat(IntPtr send, ref float receive, int count, int datatype, int op, int comm);

    [LibraryImport(MpichLibrary.Name, EntryPoint = "MPI_Allreduce")]
    public static partial int AllreduceDouble(IntPtr send, ref double receive, int count, int datatype, int op,
        int comm);

    [LibraryImport(MpichLibrary.Name, EntryPoint = "MPI_Bcast")]
    public static partial int BroadcastBytes(ref byte buffer, int count, int datatype, int root, int comm);

    [LibraryImport(MpichLibrary.Name, EntryPoint = "MPI_Bcast")]
    public static partial int BroadcastInt(ref int value, int count, int datatype, int root, int comm);

    [LibraryImport(MpichLibrary.Name, EntryPoint = "MPI_Allgather")]
    public static partial int AllgatherInt(ref int send, int sendCount, int sendType, ref int receive, int receiveCount,
        int receiveType, int comm);

    [LibraryImport(MpichLibrary.Name, EntryPoint = "MPI_Allgatherv")]
    public static partial int AllgathervBytes(ref byte send, int sendCount, int sendType, ref byte receive,
        ref int receiveCounts, ref int displacements, int receiveType, int comm);
}
