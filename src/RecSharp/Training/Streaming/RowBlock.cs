using System.Runtime.CompilerServices;

namespace RecSharp.Training.Streaming;

/// <summary>
/// Rows shaped like a chunk's: one array per input, the labels and the mask, each with the chunk's element type and
/// row width. A block either owns room for a fixed number of rows or wraps a chunk's own arrays (see
/// <see cref="Wrap"/>); rows are copied between blocks one at a time, each column by a copy chosen once for its
/// element type, since a wrapped chunk's arrays are checked to have the block's types.
/// </summary>
internal sealed class RowBlock
{
    private readonly string[] _names;
    private readonly Array[] _columns;      // the inputs in _names order, then the labels, then the mask if any
    private readonly int[] _widths;         // the elements of a row of each column
    private readonly RowCopy[] _copies;     // how a row of each column is copied
    private readonly bool _hasMask;

    private enum RowCopy { Int32, Int64, Single, Double, Elements }

    /// <summary>Room for <paramref name="capacity"/> rows shaped like <paramref name="like"/>'s.</summary>
    public RowBlock(TrainingChunk like, int capacity)
    {
        _names = like.X.Keys.ToArray();
        _hasMask = like.Mask is not null;
        var columns = ColumnsOf(like, _names, _hasMask);
        _widths = columns.Select(c => Width(c, like.Rows)).ToArray();
        _columns = columns.Select(c => Allocate(c, capacity)).ToArray();
        _copies = _columns.Select(CopyOf).ToArray();
        Capacity = capacity;
    }

    private RowBlock(string[] names, Array[] columns, int[] widths, RowCopy[] copies, bool hasMask, int rows)
    {
        (_names, _columns, _widths, _copies, _hasMask) = (names, columns, widths, copies, hasMask);
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
    /// <exception cref="ArgumentException">
    /// When the chunk has other inputs, array types, widths or mask presence.
    /// </exception>
    public RowBlock Wrap(TrainingChunk chunk)
    {
        if ((chunk.Mask is not null) != _hasMask || chunk.X.Count != _names.Length || !_names.All(chunk.X.ContainsKey))
            throw new ArgumentException("every chunk of a stream must have the same inputs and the same mask presence");
        var columns = ColumnsOf(chunk, _names, _hasMask);
        if (!columns.Select(c => Width(c, chunk.Rows)).SequenceEqual(_widths) && chunk.Rows > 0)
            throw new ArgumentException("every chunk of a stream must have inputs of the same widths");
        if (!columns.Select(c => c.GetType()).SequenceEqual(_columns.Select(c => c.GetType())))
            throw new ArgumentException("every chunk of a stream must have inputs of the same element types");
        return new RowBlock(_names, columns, _widths, _copies, _hasMask, chunk.Rows);
    }

    /// <summary>Copies row <paramref name="row"/> of <paramref name="block"/> to row <paramref name="to"/>.</summary>
    /// <remarks>
    /// Both blocks hold arrays of the same types (see <see cref="Wrap"/>), so the typed copies need no checks.
    /// </remarks>
    public void CopyFrom(RowBlock block, int row, int to)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            Array from = block._columns[c], into = _columns[c];
            switch (_copies[c])
            {
                case RowCopy.Int32: Copy<int>(from, row, into, to); break;
                case RowCopy.Int64: Copy<long>(from, row, into, to); break;
                case RowCopy.Single: Copy<float>(from, row, into, to); break;
                case RowCopy.Double: Copy<double>(from, row, into, to); break;
                default: Array.Copy(from, (long)row * _widths[c], into, (long)to * _widths[c], _widths[c]); break;
            }
        }
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

    // One-dimensional arrays of the common element types are copied element by element; any other array (of any
    // rank) as its flattened elements, a row being `width` consecutive ones.
    private static RowCopy CopyOf(Array column) => column switch
    {
        int[] => RowCopy.Int32,
        long[] => RowCopy.Int64,
        float[] => RowCopy.Single,
        double[] => RowCopy.Double,
        _ => RowCopy.Elements,
    };

    // Copies element `row` of `from` into element `toRow` of `to`, both T[] as their blocks' copies say.
    private static void Copy<T>(Array from, int row, Array to, int toRow)
        => Unsafe.As<T[]>(to)[toRow] = Unsafe.As<T[]>(from)[row];

    private static Array Trim(Array column, int count, int width)
    {
        var trimmed = Allocate(column, count);
        Array.Copy(column, trimmed, (long)count * width);
        return trimmed;
    }
}
