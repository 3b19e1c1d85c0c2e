namespace RecSharp.Serving.Http;

/// <summary>
/// The model being served, swapped atomically: requests lease the current one, a reload puts in another.
/// </summary>
internal sealed class ModelSlot(ServingModel initial) : IDisposable
{
    private ServingModel _current = initial;
    private int _disposed;

    /// <summary>The current model, without a lease: for reading what it is, not for scoring.</summary>
    public ServingModel Current => Volatile.Read(ref _current);

    /// <summary>A lease on the current model; end it with <see cref="ServingModel.Release"/>.</summary>
    public ServingModel Acquire()
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
            var model = Volatile.Read(ref _current);
            if (model.TryAcquire()) return model;                   // else a swap retired it just now: read again
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> current; the previous model ends with its last request. Once the slot is disposed,
    /// <paramref name="next"/> is released instead.
    /// </summary>
    public void Swap(ServingModel next)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            next.Release();
            return;
        }
        Interlocked.Exchange(ref _current, next).Release();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Volatile.Read(ref _current).Release();
    }
}
