namespace RecSharp.Training.Streaming;

/// <summary>
/// Rows shaped like a chunk's: one array per input, the labels and the mask, each with the chunk's element type and
/// row width. A block either owns room for a fixed number of rows or wraps a chunk's own arrays (see
/// <see cref="Wrap"/>); rows are copied between blocks one at a time.
/// </summary>
internal sealed class RowBlock
{
    private readonly string[] _names;
    private readonly Array[] _columns;      // the inputs in _names order, then the labels, then the mask if any
    private readonly int[] _widths;         // the elements of a row of each column
    private readonly bool _hasMask;

    /// <summary>Room for <paramref name="capacity"/> rows shaped like <paramref name="like"/>'s.</summary>
    public RowBlock(TrainingChunk like, int capacity)
    {
        _names = like.X.Keys.ToArray();
        _hasMask = like.Mask is not null;
        var columns = ColumnsOf(like, _names, _hasMask);
        _widths = columns.Select(c => Width(c, like.Rows)).ToArray();
        _columns = columns.Select(c => Allocate(c, capacity)).ToArray();
        Capacity = capacity;
    }

    private RowBlock(string[] names, Array[] columns, int[] widths, bool hasMask, int rows)
    {
        (_names, _columns, _widths, _hasMask) = (names, columns, widths, hasMask);
        Capacity = rows;
        Count = rows;
    }

    /// <summary>The rows it can hold.</summary>
    public int Capacity { get; }

    /// <summary>The rows filled so far (rows at or above it are unused).</summary>
    public int Count { get; set; }

    /// <summary>
    /// The rows of <paramref name="chunk"/>, sharing its arrays, as a full block shaped like this one.
    /// </summary>
    /// <exception cref="ArgumentException">When the chunk has other inputs, widths or mask presence.</exception>
    public RowBlock Wrap(TrainingChunk chunk)
    {
        if ((chunk.Mask is not null) != _hasMask || chunk.X.Count != _names.Length || !_names.All(chunk.X.ContainsKey))
            throw new ArgumentException("every chunk of a stream must have the same inputs and the same mask presence");
        var columns = ColumnsOf(chunk, _names, _hasMask);
        if (!columns.Select(c => Width(c, chunk.Rows)).SequenceEqual(_widths) && chunk.Rows > 0)
            throw new ArgumentException("every chunk of a stream must have inputs of the same widths");
        return new RowBlock(_names, columns, _widths, _hasMask, chunk.Rows);
    }

    /// <summary>Copies row <paramref name="row"/> of <paramref name="block"/> to row <paramref name="to"/>.</summary>
    public void CopyFrom(RowBlock block, int row, int to)
    {
        for (int c = 0; c < _columns.Length; c++) CopyRow(block._columns[c], row, _columns[c], to, _widths[c]);
    }

    /// <summary>The first <see cref="Count"/> rows as a chunk of new arrays.</summary>
    public TrainingChunk ToChunk() => ChunkOf(_columns.Select((c, i) => Trim(c, Count, _widths[i])).ToArray());

    /// <summary>
    /// The rows of a full block as a chunk of the block's own arrays, not copied: the chunk shows whatever is written
    /// to the block afterwards, so it must be used up before the block is written again.
    /// </summary>
    /// <exception cref="InvalidOperationException">When the block is not full.</exception>
    public TrainingChunk View() => Count == Capacity
        ? ChunkOf(_columns)
        : throw new InvalidOperationException($"a view needs a full block, but it holds {Count} of {Capacity} rows");

    private TrainingChunk ChunkOf(Array[] columns)
    {
        var inputs = _names.Select((name, c) => (name, columns[c]))
            .ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);
        return new TrainingChunk(inputs, (double[,])columns[_names.Length], _hasMask ? (bool[,])columns[^1] : null);
    }

    /// <summary>
    /// The rows of <paramref name="chunk"/> from <paramref name="start"/> on, as a chunk of new arrays.
    /// </summary>
    public static TrainingChunk Tail(TrainingChunk chunk, int start)
    {
        var block = new RowBlock(chunk, chunk.Rows - start);
        var rows = block.Wrap(chunk);
        for (int row = start; row < chunk.Rows; row++) block.CopyFrom(rows, row, block.Count++);
        return block.ToChunk();
    }

    private static Array[] ColumnsOf(TrainingChunk chunk, string[] names, bool hasMask)
    {
        var columns = names.Select(n => chunk.X[n]).Append(chunk.Y);
        return (hasMask ? columns.Append(chunk.Mask!) : columns).ToArray();
    }

    // The elements of one row of an array whose first dimension holds `rows` rows.
    private static int Width(Array column, int rows)
    {
        if (column.GetLength(0) != rows)
            throw new ArgumentException($"an input of a chunk has {column.GetLength(0)} rows, its labels {rows}");
        return rows == 0 ? column.Rank == 1 ? 1 : column.GetLength(1) : column.Length / rows;
    }

    // An array like `like`, with room for `capacity` rows.
    private static Array Allocate(Array like, int capacity)
    {
        var lengths = Enumerable.Range(0, like.Rank).Select(like.GetLength).ToArray();
        lengths[0] = capacity;
        return Array.CreateInstance(like.GetType().GetElementType()!, lengths);
    }

    // Arrays of any rank are copied as their flattened elements: a row is `width` consecutive ones. The common
    // one-dimensional inputs are copied element by element, without Array.Copy's checks.
    private static void CopyRow(Array from, int row, Array to, int toRow, int width)
    {
        if (!CopyElement<int>(from, row, to, toRow) && !CopyElement<long>(from, row, to, toRow)
            && !CopyElement<float>(from, row, to, toRow) && !CopyElement<double>(from, row, to, toRow))
        {
            Array.Copy(from, (long)row * width, to, (long)toRow * width, width);
        }
    }

    // Copies element `row` of a one-dimensional T[] into `to`; false (and nothing copied) for any other array.
    private static bool CopyElement<T>(Array from, int row, Array to, int toRow)
    {
        if (from is not T[] values) return false;
        ((T[])to)[toRow] = values[row];
        return true;
    }

    private static Array Trim(Array column, int count, int width)
    {
        var trimmed = Allocate(column, count);
        Array.Copy(column, trimmed, (long)count * width);
        return trimmed;
    }
}
