namespace RecSharp.Bench.Streaming;

/// <summary>
/// Samples the process's working set and the garbage collector's committed memory every few milliseconds on a
/// background thread while it is alive; <see cref="Stop"/> returns the sample with the largest working set, so that a
/// phase's peak is told apart into managed and native memory.
/// </summary>
internal sealed class MemoryPeakSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private readonly int[] _collectionsAtStart = Collections();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();
    private readonly TimeSpan _interval;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private MemoryPeak? _peak;

    /// <summary>Starts sampling.</summary>
    /// <param name="intervalMilliseconds">The time between samples.</param>
    public MemoryPeakSampler(int intervalMilliseconds = 50)
    {
        _interval = TimeSpan.FromMilliseconds(intervalMilliseconds);
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory peak sampler" };
        _thread.Start();
    }

    /// <summary>Stops sampling; the sample with the largest working set, with the collections and the managed
    /// allocations since the start.</summary>
    public MemoryPeak Stop()
    {
        _stop.Set();
        _thread.Join();
        Take();
        var collections = Collections().Zip(_collectionsAtStart, (now, then) => now - then).ToArray();
        long allocated = GC.GetTotalAllocatedBytes() - _allocatedAtStart;
        return _peak! with { Collections = collections, AllocatedBytes = allocated };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private void Sample()
    {
        do
        {
            Take();
        }
        while (!_stop.Wait(_interval));
    }

    private void Take()
    {
        long workingSet = Environment.WorkingSet;
        if (_peak is { } peak && peak.WorkingSetBytes >= workingSet) return;
        var info = GC.GetGCMemoryInfo();
        _peak = new MemoryPeak(
            workingSet, info.TotalCommittedBytes, info.HeapSizeBytes, _clock.Elapsed.TotalSeconds, []);
    }
}
