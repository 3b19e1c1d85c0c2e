namespace RecSharp.Serving.Http;

/// <summary>
/// One loaded model and its micro-batcher, shared by the requests that lease it. The slot holds one lease while the
/// model is current; the model is disposed when the last lease ends, so requests that began on it finish on it.
/// </summary>
internal sealed class ServingModel
{
    private int _leases = 1;

    /// <summary>Serves <paramref name="predictor"/> through a batcher built by <paramref name="batcher"/>.</summary>
    public ServingModel(Predictor predictor, Func<Predictor, MicroBatcher> batcher)
    {
        Predictor = predictor;
        Batcher = batcher(predictor);
    }

    /// <summary>The model.</summary>
    public Predictor Predictor { get; }

    /// <summary>The batcher that scores its requests.</summary>
    public MicroBatcher Batcher { get; }

    /// <summary>Takes a lease; false when the model is already retired and disposed.</summary>
    public bool TryAcquire()
    {
        int leases;
        do
        {
            leases = Volatile.Read(ref _leases);
            if (leases == 0) return false;
        }
        while (Interlocked.CompareExchange(ref _leases, leases + 1, leases) != leases);
        return true;
    }

    /// <summary>Ends a lease; the last one disposes the batcher and the model.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) != 0) return;
        Batcher.Dispose();
        Predictor.Dispose();
    }
}
