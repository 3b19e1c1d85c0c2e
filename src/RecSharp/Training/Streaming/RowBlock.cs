namespace RecSharp.Training.Streaming;

/// <summary>
/// Room for a fixed number of rows shaped like a chunk's: one array per input, the labels and the mask, each with
/// the chunk's element type and row width. Rows are copied in and out one at a time.
/// </summary>
internal sealed class RowBlock
{
    private readonly string[] _names;
    private readonly Array[] _columns;      // the inputs in _names order, then the labels, then the mask if any

    public RowBlock(TrainingChunk like, int capacity)
    {
        Capacity = capacity;
        _names = like.X.Keys.ToArray();
        _columns = ColumnsOf(like).Select(c => Allocate(c, like.Rows, capacity)).ToArray();
        HasMask = like.Mask is not null;
    }

    /// <summary>The rows it can hold.</summary>
    public int Capacity { get; }

    /// <summary>The rows filled so far (rows at or above it are unused).</summary>
    public int Count { get; set; }

    private bool HasMask { get; }

    /// <summary>Copies row <paramref name="row"/> of <paramref name="chunk"/> to row <paramref name="to"/>.</summary>
    public void CopyFrom(TrainingChunk chunk, int row, int to)
    {
        if ((chunk.Mask is not null) != HasMask || chunk.X.Count != _names.Length)
            throw new ArgumentException("every chunk of a stream must have the same inputs and the same mask presence");
        int rows = chunk.Rows;
        for (int c = 0; c < _names.Length; c++) CopyRow(chunk.X[_names[c]], rows, row, _columns[c], to);
        CopyRow(chunk.Y, rows, row, _columns[_names.Length], to);
        if (chunk.Mask is { } mask) CopyRow(mask, rows, row, _columns[^1], to);
    }

    /// <summary>Copies row <paramref name="row"/> of <paramref name="block"/> to row <paramref name="to"/>.</summary>
    public void CopyFrom(RowBlock block, int row, int to)
    {
        for (int c = 0; c < _columns.Length; c++) CopyRow(block._columns[c], block.Capacity, row, _columns[c], to);
    }

    /// <summary>The first <see cref="Count"/> rows as a chunk of new arrays.</summary>
    public TrainingChunk ToChunk()
    {
        var trimmed = _columns.Select(c => Trim(c, Capacity, Count)).ToArray();
        var inputs = _names.Select((name, c) => (name, trimmed[c]))
            .ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);
        return new TrainingChunk(inputs, (double[,])trimmed[_names.Length], HasMask ? (bool[,])trimmed[^1] : null);
    }

    /// <summary>
    /// The rows of <paramref name="chunk"/> from <paramref name="start"/> on, as a chunk of new arrays.
    /// </summary>
    public static TrainingChunk Tail(TrainingChunk chunk, int start)
    {
        var block = new RowBlock(chunk, chunk.Rows - start);
        for (int row = start; row < chunk.Rows; row++) block.CopyFrom(chunk, row, block.Count++);
        return block.ToChunk();
    }

    private IEnumerable<Array> ColumnsOf(TrainingChunk chunk)
    {
        foreach (var name in _names) yield return chunk.X[name];
        yield return chunk.Y;
        if (chunk.Mask is not null) yield return chunk.Mask;
    }

    // An array like `like` (whose first dimension holds `rows` rows) with room for `capacity` rows.
    private static Array Allocate(Array like, int rows, int capacity)
    {
        var lengths = Enumerable.Range(0, like.Rank).Select(like.GetLength).ToArray();
        if (lengths[0] != rows)
            throw new ArgumentException($"an input of a chunk has {lengths[0]} rows, its labels {rows}");
        lengths[0] = capacity;
        return Array.CreateInstance(like.GetType().GetElementType()!, lengths);
    }

    // Arrays of any rank are copied as their flattened elements: a row is `width` consecutive ones.
    private static void CopyRow(Array from, int fromRows, int row, Array to, int toRow)
    {
        int width = fromRows == 0 ? 0 : from.Length / fromRows;
        Array.Copy(from, (long)row * width, to, (long)toRow * width, width);
    }

    private static Array Trim(Array column, int capacity, int count)
    {
        var trimmed = Allocate(column, capacity, count);
        Array.Copy(column, trimmed, trimmed.Length);
        return trimmed;
    }
}
