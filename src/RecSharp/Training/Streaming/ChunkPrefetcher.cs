using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace RecSharp.Training.Streaming;

/// <summary>
/// Reads and converts chunks on a background thread, keeping at most a bounded number ready, so that reading,
/// shuffling and tensor conversion overlap training. Each chunk is converted before the next is read, so the chunks
/// may share arrays that the next one overwrites (see <see cref="ShuffleBuffer"/>). A failure of the reader is
/// rethrown, as it was, by <see cref="Next"/>; disposing stops the reader and frees the chunks it had ready.
/// </summary>
internal sealed class ChunkPrefetcher : IDisposable
{
    private readonly BlockingCollection<ConvertedChunk> _ready;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private ExceptionDispatchInfo? _failure;

    public ChunkPrefetcher(IEnumerable<TrainingChunk> chunks, Func<TrainingChunk, ConvertedChunk> convert, int capacity)
    {
        _ready = new BlockingCollection<ConvertedChunk>(capacity);
        _reader = new Thread(() => Produce(chunks, convert)) { IsBackground = true, Name = "recsharp stream reader" };
        _reader.Start();
    }

    /// <summary>The next chunk (the caller owns it), or null when the stream has ended.</summary>
    public ConvertedChunk? Next()
    {
        if (_ready.TryTake(out var chunk, Timeout.Infinite)) return chunk;
        _failure?.Throw();
        return null;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _reader.Join();
        while (_ready.TryTake(out var chunk)) chunk.Dispose();
        _ready.Dispose();
        _stop.Dispose();
    }

    private void Produce(IEnumerable<TrainingChunk> chunks, Func<TrainingChunk, ConvertedChunk> convert)
    {
        try
        {
            foreach (var chunk in chunks)
            {
                var converted = convert(chunk);
                try
                {
                    _ready.Add(converted, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    converted.Dispose();
                    return;
                }
            }
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _ready.CompleteAdding();
        }
    }
}
