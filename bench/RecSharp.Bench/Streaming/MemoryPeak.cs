namespace RecSharp.Bench.Streaming;

/// <summary>
/// The largest working set seen while a <see cref="MemoryPeakSampler"/> ran, split into what the .NET garbage
/// collector had committed at that moment (managed) and the rest (native: libtorch's tensors, the runtime, code).
/// </summary>
/// <param name="WorkingSetBytes">The largest working set sampled.</param>
/// <param name="ManagedCommittedBytes">The garbage collector's committed memory at that sample.</param>
/// <param name="ManagedHeapBytes">The managed heap's size after the last collection before that sample.</param>
/// <param name="AtSeconds">When that sample was taken, in seconds from the start of the sampling.</param>
/// <param name="Collections">Generation 0, 1 and 2 collections during the sampling.</param>
internal sealed record MemoryPeak(
    long WorkingSetBytes,
    long ManagedCommittedBytes,
    long ManagedHeapBytes,
    double AtSeconds,
    IReadOnlyList<int> Collections)
{
    /// <summary>The managed bytes allocated during the sampling, by every thread (<c>GC.GetTotalAllocatedBytes</c>).
    /// </summary>
    public long AllocatedBytes { get; init; }

    /// <summary>The working set at the peak that the garbage collector had not committed.</summary>
    public long NativeBytes => WorkingSetBytes - ManagedCommittedBytes;
}
