using RecSharp.Serving.Http;
using RecSharp.Serving.Inference;

namespace RecSharp.Serving.Tests.Http;

/// <summary>
/// The micro-batcher with a scoring function the test holds at a gate, so that what queues while a batch runs is
/// known: the queue's bound, the batches it forms and their order.
/// </summary>
public sealed class MicroBatcherTests : IDisposable
{
    private readonly ManualResetEventSlim _gate = new(false);
    private readonly SemaphoreSlim _started = new(0);
    private readonly List<int> _batches = [];

    // Scores each row with its own value, after the gate opens; a negative value fails the batch.
    private double[,] Score(IReadOnlyDictionary<string, Array> inputs)
    {
        var values = (float[])inputs["x"];
        lock (_batches) _batches.Add(values.Length);
        _started.Release();
        _gate.Wait();
        if (values.Any(v => v < 0)) throw new InvalidOperationException("a negative value");
        var scores = new double[values.Length, 1];
        for (int i = 0; i < values.Length; i++) scores[i, 0] = values[i];
        return scores;
    }

    private MicroBatcher Batcher(int maxBatch = 100, int maxQueueRows = 100) =>
        new(Score, maxBatch, TimeSpan.FromMilliseconds(2), maxQueueRows, new ServingMetrics());

    private static PreparedRows Rows(params float[] values) =>
        new(values.Length, new Dictionary<string, Array> { ["x"] = values }, new Dictionary<string, long>());

    private static Task<ScoredRows> Enqueue(MicroBatcher batcher, params float[] values)
    {
        Assert.True(batcher.TryEnqueue(Rows(values), out var scored));
        return scored;
    }

    private static double[] Values(ScoredRows scored) =>
        Enumerable.Range(scored.Offset, scored.Rows).Select(i => scored.Scores[i, 0]).ToArray();

    [Fact]
    public async Task RequestsQueuedWhileABatchRunsFormTheNextBatchEachGettingItsRows()
    {
        using var batcher = Batcher();
        var first = Enqueue(batcher, 1);
        await _started.WaitAsync();                                            // the first batch is being scored

        var second = Enqueue(batcher, 2, 3);
        var third = Enqueue(batcher, 4);
        _gate.Set();

        Assert.Equal(new[] { 1.0 }, Values(await first));
        Assert.Equal(new[] { 2.0, 3.0 }, Values(await second));
        Assert.Equal(new[] { 4.0 }, Values(await third));
        Assert.Equal(new[] { 1, 3 }, _batches);
    }

    [Fact]
    public async Task ABatchTakesWholeRequestsUpToTheBatchSize()
    {
        using var batcher = Batcher(maxBatch: 3);
        var first = Enqueue(batcher, 1);
        await _started.WaitAsync();

        var waiting = new[] { Enqueue(batcher, 2, 3), Enqueue(batcher, 4, 5), Enqueue(batcher, 6) };
        _gate.Set();
        await Task.WhenAll(waiting);

        Assert.Equal(new[] { 1, 2, 3 }, _batches);                                     // 2 + 2 rows would exceed 3
        Assert.Equal(new[] { 4.0, 5.0 }, Values(await waiting[1]));
        Assert.Equal(new[] { 6.0 }, Values(await waiting[2]));
        await first;
    }

    [Fact]
    public async Task AFullQueueRefusesAtOnceAndAcceptsAgainOnceItEmpties()
    {
        using var batcher = Batcher(maxQueueRows: 2);
        var first = Enqueue(batcher, 1);
        await _started.WaitAsync();                                            // no longer queued: being scored

        var second = Enqueue(batcher, 2, 3);
        Assert.False(batcher.TryEnqueue(Rows(4), out _));
        Assert.Equal(2, batcher.QueuedRows);
        _gate.Set();
        await Task.WhenAll(first, second);

        Assert.Equal(0, batcher.QueuedRows);
        Assert.Equal(new[] { 5.0 }, Values(await Enqueue(batcher, 5)));
    }

    [Fact]
    public async Task AFailedBatchFailsItsOwnRequestsOnly()
    {
        using var batcher = Batcher(maxBatch: 1);
        _gate.Set();

        var failed = Enqueue(batcher, -1);
        var scored = Enqueue(batcher, 7);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal(new[] { 7.0 }, Values(await scored));
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
        _started.Dispose();
    }
}
