using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RecSharp.Mpi;

/// <summary>
/// A rank's standard output and error on their way to <c>mpirun</c>: MPICH's launcher reads them from pipes and
/// forwards what it reads, but once a rank calls <c>MPI_Abort</c> it ends the job, and what is still in a pipe then may
/// never be shown — the failing rank's own message among it. So a rank that aborts first flushes both streams and
/// waits, for at most a few seconds, until the launcher has read both pipes empty (<c>FIONREAD</c>). Streams that are
/// not pipes (a terminal, a file) are written at once and need no wait.
/// </summary>
internal static partial class LauncherOutput
{
    /// <summary>The longest a rank waits for the launcher to read its output before it aborts anyway.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private const int StandardOutput = 1;
    private const int StandardError = 2;
    private const nuint BytesToRead = 0x541B;                                    // Linux FIONREAD

    /// <summary>Flushes standard output and error and waits until the launcher has read them.</summary>
    public static void Drain()
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if (!OperatingSystem.IsLinux()) return;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience && (Unread(StandardOutput) > 0 || Unread(StandardError) > 0))
            Thread.Sleep(5);
    }

    // The bytes written to a pipe and not yet read from it; 0 for what is not a pipe (of a terminal, FIONREAD would
    // count what the user typed).
    private static int Unread(int descriptor) =>
        IsPipe(descriptor) && Ioctl(descriptor, BytesToRead, out int count) == 0 ? count : 0;

    private static bool IsPipe(int descriptor) =>
        new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget?.StartsWith("pipe:", StringComparison.Ordinal) == true;

    [LibraryImport("libc", EntryPoint = "ioctl")]
    private static partial int Ioctl(int descriptor, nuint request, out int count);
}
