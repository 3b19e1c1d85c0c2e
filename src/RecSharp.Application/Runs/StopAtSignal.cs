using RecSharp.Application.CommandLine;
using RecSharp.Training.Callbacks;

namespace RecSharp.Application.Runs;

/// <summary>
/// Ends a fit at the first batch or epoch end after SIGINT or SIGTERM, once a resumable checkpoint of that very point
/// is written: after a batch by its own checkpoint callback, after an epoch by the scheduled one (earlier in the list).
/// </summary>
/// <param name="signal">The signals listened to.</param>
/// <param name="checkpoint">A checkpoint callback saving after every batch, called here only when a signal has
/// arrived.</param>
internal sealed class StopAtSignal(StopSignal signal, ModelCheckpoint checkpoint) : Callback
{
    public override void OnTrainBegin()
    {
        checkpoint.Attach(Context!);
        checkpoint.OnTrainBegin();
    }

    public override void OnEpochBegin(int epoch) => checkpoint.OnEpochBegin(epoch);

    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (signal.Pending() is not { } received) return;
        checkpoint.OnBatchEnd(batch, logs);
        throw new StopRequestedException(received);
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => signal.ThrowIfReceived();
}
