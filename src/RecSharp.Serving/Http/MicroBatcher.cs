using System.Collections.Concurrent;
using System.Diagnostics;
using RecSharp.Serving.Inference;

namespace RecSharp.Serving.Http;

/// <summary>
/// Joins concurrent requests into batches on one inference thread. A batch starts with the oldest queued request and
/// takes the requests behind it, whole and in order, up to <c>maxBatch</c> rows. While other requests are still being
/// read and encoded it waits up to <c>maxDelay</c> for them; with none under way it runs at once, so a lone request
/// never waits. The queue holds at most <c>maxQueueRows</c> rows: beyond that <see cref="TryEnqueue"/> refuses at once.
/// </summary>
internal sealed class MicroBatcher : IDisposable
{
    private readonly Func<IReadOnlyDictionary<string, Array>, double[,]> _score;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxDelay;
    private readonly int _maxQueueRows;
    private readonly ServingMetrics _metrics;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _available = new(0);                 // one count per queued request, one to stop
    private readonly Thread _worker;
    private int _queuedRows;
    private int _preparing;
    private int _disposed;

    /// <summary>Starts the inference thread, which scores joined inputs with <paramref name="score"/>.</summary>
    public MicroBatcher(Func<IReadOnlyDictionary<string, Array>, double[,]> score, int maxBatch, TimeSpan maxDelay,
        int maxQueueRows, ServingMetrics metrics)
    {
        _score = score;
        _maxBatch = maxBatch;
        _maxDelay = maxDelay;
        _maxQueueRows = maxQueueRows;
        _metrics = metrics;
        _worker = new Thread(Run) { IsBackground = true, Name = "recsharp-batcher" };
        _worker.Start();
    }

    /// <summary>The rows waiting in the queue.</summary>
    public int QueuedRows => Volatile.Read(ref _queuedRows);

    /// <summary>
    /// Marks a request as under way until the returned scope ends (after <see cref="TryEnqueue"/>), so that a batch
    /// being formed waits for it.
    /// </summary>
    public PreparationScope Preparing()
    {
        Interlocked.Increment(ref _preparing);
        return new PreparationScope(this);
    }

    /// <summary>Queues encoded rows; false, at once, when the queue cannot take them.</summary>
    public bool TryEnqueue(PreparedRows rows, out Task<ScoredRows> scored)
    {
        scored = Task.FromResult(default(ScoredRows));
        if (Volatile.Read(ref _disposed) == 1) return false;
        int queued;
        do
        {
            queued = Volatile.Read(ref _queuedRows);
            if (queued + rows.Rows > _maxQueueRows) return false;
        }
        while (Interlocked.CompareExchange(ref _queuedRows, queued + rows.Rows, queued) != queued);
        var completion = new TaskCompletionSource<ScoredRows>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new Pending(rows, completion, Stopwatch.GetTimestamp());
        _queue.Enqueue(pending);
        _available.Release();
        _metrics.Queued(rows.Rows);
        scored = pending.Completion.Task;
        return true;
    }

    private void Run()
    {
        var batch = new List<Pending>();
        bool stop = false;
        while (!stop)
        {
            _available.Wait();
            if (!Take(batch)) return;                                       // the stop signal, nothing queued
            int rows = batch[0].Rows.Rows;
            long deadline = Stopwatch.GetTimestamp() + (long)(_maxDelay.TotalSeconds * Stopwatch.Frequency);
            while (rows < _maxBatch)
            {
                if (_queue.TryPeek(out var next) && rows + next.Rows.Rows > _maxBatch) break;
                if (!_available.Wait(Volatile.Read(ref _preparing) > 0 ? Remaining(deadline) : TimeSpan.Zero)) break;
                if (!Take(batch))
                {
                    stop = true;
                    break;
                }
                rows += batch[^1].Rows.Rows;
            }
            Execute(batch, rows);
            batch.Clear();
        }
    }

    private bool Take(List<Pending> batch)
    {
        if (!_queue.TryDequeue(out var pending)) return false;
        batch.Add(pending);
        Interlocked.Add(ref _queuedRows, -pending.Rows.Rows);
        _metrics.Queued(-pending.Rows.Rows);
        return true;
    }

    private void Execute(List<Pending> batch, int rows)
    {
        long start = Stopwatch.GetTimestamp();
        foreach (var pending in batch) _metrics.Stage("queue", Stopwatch.GetElapsedTime(pending.Enqueued, start));
        try
        {
            var scores = _score(InputBatch.Concatenate(batch.Select(p => p.Rows.Inputs).ToArray()));  // (rows, tasks)
            _metrics.Stage("score", Stopwatch.GetElapsedTime(start));
            _metrics.Batch(rows);
            int offset = 0;
            foreach (var pending in batch)
            {
                pending.Completion.SetResult(new ScoredRows(scores, offset, pending.Rows.Rows));
                offset += pending.Rows.Rows;
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Completion.TrySetException(e);
        }
    }

    private static TimeSpan Remaining(long deadline) =>
        TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    /// <summary>Stops the inference thread once the queued requests are scored.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _available.Release();
        _worker.Join();
        _available.Dispose();
    }

    /// <summary>A request being read and encoded; see <see cref="Preparing"/>.</summary>
    public readonly struct PreparationScope(MicroBatcher batcher) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Interlocked.Decrement(ref batcher._preparing);
    }

    private sealed record Pending(PreparedRows Rows, TaskCompletionSource<ScoredRows> Completion, long Enqueued);
}
