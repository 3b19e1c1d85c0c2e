using System.Runtime.InteropServices;

namespace RecSharp.Application.CommandLine;

/// <summary>
/// SIGINT and SIGTERM while a command runs: the first one is held back and recorded, so that the command stops at its
/// next safe point (after writing a checkpoint, removing its temporary files); a second one ends the process at once.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    private StopSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Starts holding back SIGINT and SIGTERM until disposed.</summary>
    public static StopSignal Listen() => new();

    /// <summary>The signal received first, or null.</summary>
    public PosixSignal? Received => Volatile.Read(ref _received) is var signal and not 0 ? (PosixSignal)signal : null;

    /// <summary>
    /// How the ranks of a data-parallel job agree: given this rank's signal (or null), the one that stops every rank.
    /// Once set, <see cref="Pending"/> and <see cref="ThrowIfReceived"/> are collective: every rank calls them at the
    /// same points, so that all stop at the same one.
    /// </summary>
    public Func<PosixSignal?, PosixSignal?>? Agreement { get; set; }

    /// <summary>The signal that stops the command now: the one received first (agreed, on any rank), or null.</summary>
    public PosixSignal? Pending() => Agreement is { } agree ? agree(Received) : Received;

    /// <summary>Throws <see cref="StopRequestedException"/> when a signal has been received.</summary>
    public void ThrowIfReceived()
    {
        if (Pending() is { } signal) throw new StopRequestedException(signal);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // PosixSignal values are negative, so 0 means "none yet"; only the first signal is held back.
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) == 0) context.Cancel = true;
    }
}
