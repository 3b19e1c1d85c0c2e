namespace RecSharp.Training.Streaming;

/// <summary>
/// Shuffles a stream of chunks in bounded memory: rows fill a buffer of <c>capacity</c> rows; then each new row
/// takes the place of one drawn at random from the buffer, which is emitted; at the end of the stream the buffer is
/// emitted in a Fisher–Yates order (<see cref="RowOrder.Shuffle"/>). Every draw comes from one <see cref="Random"/>,
/// so when the stream fits in the buffer the order is exactly <see cref="RowOrder.ForEpoch"/>'s for that generator's
/// seed. Emitted rows are regrouped into chunks of <c>chunkRows</c> rows (the last may be shorter). A full chunk
/// shares the arrays of the buffer's one output block (<see cref="RowBlock.View"/>), which the next chunk's rows
/// overwrite: a chunk is valid until the next one is asked for, so an epoch allocates its blocks once, not a copy per
/// chunk.
/// </summary>
internal sealed class ShuffleBuffer(int capacity, int chunkRows, Random? random)
{
    /// <summary>
    /// The emitted rows in chunks, each valid until the next is asked for; with no generator, the rows in stream
    /// order.
    /// </summary>
    public IEnumerable<TrainingChunk> Shuffle(IEnumerable<TrainingChunk> chunks)
    {
        RowBlock? held = null, output = null;
        foreach (var chunk in chunks)
        {
            if (chunk.Rows == 0) continue;
            held ??= new RowBlock(chunk, random is null ? 0 : capacity);
            output ??= new RowBlock(chunk, chunkRows);
            var rows = output.Wrap(chunk);
            for (int row = 0; row < chunk.Rows; row++)
            {
                if (random is null)
                {
                    output.CopyFrom(rows, row, output.Count++);
                }
                else if (held.Count < capacity)
                {
                    held.CopyFrom(rows, row, held.Count++);
                }
                else
                {
                    int drawn = (int)random.NextInt64(capacity);
                    output.CopyFrom(held, drawn, output.Count++);
                    held.CopyFrom(rows, row, drawn);
                }
                if (output.Count == chunkRows)
                {
                    yield return output.View();
                    output.Count = 0;
                }
            }
        }
        if (held is null || output is null) yield break;
        var order = new long[held.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (random is not null) RowOrder.Shuffle(order, random);
        foreach (long row in order)
        {
            output.CopyFrom(held, (int)row, output.Count++);
            if (output.Count == chunkRows)
            {
                yield return output.View();
                output.Count = 0;
            }
        }
        if (output.Count > 0) yield return output.ToChunk();
    }
}
