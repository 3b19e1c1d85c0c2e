namespace RecSharp.Serving.Http;

/// <summary>
/// Polls the model's files (size and write time) and reloads when they change. Polling, rather than file-system
/// events, also notices a run folder replaced whole, as <c>recsharp train --overwrite</c> replaces it.
/// </summary>
internal sealed class ModelWatcher : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _files;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private string _seen;

    /// <summary>Starts watching <paramref name="files"/> every <paramref name="interval"/>.</summary>
    public ModelWatcher(IReadOnlyList<string> files, TimeSpan interval, Func<Task> reload)
    {
        _files = files;
        _seen = Fingerprint();
        _timer = new PeriodicTimer(interval);
        _loop = Loop(reload);
    }

    private async Task Loop(Func<Task> reload)
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            string now = Fingerprint();
            if (now == _seen) continue;
            _seen = now;                                // a model that fails to load is tried again when it changes
            await reload().ConfigureAwait(false);
        }
    }

    private string Fingerprint() => string.Join('|', _files.Select(path =>
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{file.Length}@{file.LastWriteTimeUtc.Ticks}" : "absent";
    }));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
    }
}
