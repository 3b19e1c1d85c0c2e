using System.Reflection;
using System.Runtime.InteropServices;

namespace RecSharp.Mpi;

/// <summary>
/// Loads the MPI library. MPI.NET's calls name Microsoft MPI (<c>msmpi.dll</c>); MPICH shares MS-MPI's integer
/// handles, so on Linux those calls, and this assembly's own, are sent to <c>libmpich.so.12</c> (or Intel MPI's
/// <c>libmpi.so.12</c>, of the same ABI). Open MPI, whose handles are pointers, cannot serve them.
/// </summary>
internal static class MpichLibrary
{
    /// <summary>The name this assembly's P/Invoke declarations use.</summary>
    public const string Name = "mpich";

    /// <summary>The libraries tried, in order.</summary>
    public static readonly string[] Candidates = ["libmpich.so.12", "libmpi.so.12"];

    private static readonly Lazy<IntPtr> Handle = new(Load);
    private static int _registered;

    /// <summary>
    /// Routes MPI.NET's and this assembly's MPI calls to the MPI library; fails with a message naming what to install.
    /// </summary>
    public static void Register()
    {
        _ = Handle.Value;
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(MPI.Communicator).Assembly, Resolve);
        NativeLibrary.SetDllImportResolver(typeof(MpichLibrary).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == Name || name.StartsWith("msmpi", StringComparison.OrdinalIgnoreCase) ? Handle.Value : IntPtr.Zero;

    private static IntPtr Load()
    {
        foreach (string candidate in Candidates)
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        throw new DllNotFoundException($"MPI: none of {string.Join(", ", Candidates)} could be loaded; install MPICH " +
                                       "(Debian and Ubuntu: apt-get install mpich) and start the job with its mpirun");
    }
}
