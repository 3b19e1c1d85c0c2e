using RecSharp.Errors;

namespace RecSharp.Serving.Http;

/// <summary>
/// Loads the model again and swaps it in, one reload at a time. A model that fails to load leaves the current one
/// serving; the failure is logged, counted and returned.
/// </summary>
internal sealed class ModelReloader(ModelSlot slot, Func<ServingModel> load, ServingMetrics metrics, TextWriter log)
    : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Loads the model and, when it loads, serves it.</summary>
    public async Task<ReloadOutcome> ReloadAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            string previous = slot.Current.Predictor.Info.Hash;
            ServingModel next;
            try
            {
                next = await Task.Run(load).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                metrics.Reload(loaded: false);
                string error = ErrorLine.Of(e);
                Log($"reload failed, still serving {previous}: {error}");
                return new ReloadOutcome(false, previous, previous, error);
            }
            slot.Swap(next);
            metrics.Reload(loaded: true);
            string hash = next.Predictor.Info.Hash;
            Log($"reloaded: serving {hash} (was {previous})");
            return new ReloadOutcome(true, hash, previous, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Log(string line)
    {
        lock (log) log.WriteLine(line);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
