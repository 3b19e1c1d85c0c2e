using System.Runtime.InteropServices;

namespace RecSharp.Application.CommandLine;

/// <summary>The command stopped at a safe point because of SIGINT or SIGTERM; exit code 130 or 143, as shells report
/// them.</summary>
internal sealed class StopRequestedException : Exception
{
    /// <summary>Creates the exception for the signal received.</summary>
    public StopRequestedException(PosixSignal signal) : base($"stopped by {signal}")
    {
        Signal = signal;
    }

    /// <summary>The signal received.</summary>
    public PosixSignal Signal { get; }

    /// <summary>128 plus the signal's number: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => Signal == PosixSignal.SIGINT ? 130 : 143;
}
