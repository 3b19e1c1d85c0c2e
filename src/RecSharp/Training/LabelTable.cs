using RecSharp.Features;
using RecSharp.Inputs;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// Validated labels <c>(rows, tasks)</c> and an optional mask of which labels apply, as tensors. A masked-out label
/// (mask false) contributes nothing to the loss or the metrics, and its value is not checked.
/// </summary>
internal sealed class LabelTable(Tensor values, Tensor? mask, double[,] raw, bool[,]? rawMask) : IDisposable
{
    /// <summary>Labels, float32 <c>(rows, tasks)</c>; masked entries are 0.</summary>
    public Tensor Values { get; } = values;

    /// <summary>1 where a label applies, float32 <c>(rows, tasks)</c>; null when all apply.</summary>
    public Tensor? Mask { get; } = mask;

    /// <summary>The labels as given.</summary>
    public double[,] Raw { get; } = raw;

    /// <summary>The mask as given.</summary>
    public bool[,]? RawMask { get; } = rawMask;

    /// <summary>Number of rows.</summary>
    public long Rows => Raw.GetLength(0);

    public static LabelTable Create(IReadOnlyList<TaskSpec> tasks, double[,] labels, bool[,]? mask, long expectedRows,
        string what = "labels")
    {
        ArgumentNullException.ThrowIfNull(labels);
        int rows = labels.GetLength(0), columns = labels.GetLength(1);
        if (columns != tasks.Count)
        {
            throw new InputValidationException($"{what} have {columns} columns but the model has {tasks.Count} tasks " +
                $"({string.Join(", ", tasks.Select(t => t.Name))})");
        }
        if (rows != expectedRows)
            throw new InputValidationException($"{what} have {rows} rows but the inputs have {expectedRows}");
        if (mask is not null && (mask.GetLength(0) != rows || mask.GetLength(1) != columns))
        {
            throw new InputValidationException(
                $"the label mask is {mask.GetLength(0)}x{mask.GetLength(1)} but {what} are {rows}x{columns}");
        }
        var values = new float[rows * columns];
        for (int row = 0; row < rows; row++)
        {
            for (int t = 0; t < columns; t++)
            {
                if (mask is not null && !mask[row, t]) continue;
                double y = labels[row, t];
                if (double.IsNaN(y) || double.IsInfinity(y))
                {
                    throw new InputValidationException(
                        $"{what}, task \"{tasks[t].Name}\", row {row}: label {y} is not finite", tasks[t].Name, row, y);
                }
                if (tasks[t].Type == TaskType.Binary && y != 0 && y != 1)
                {
                    throw new InputValidationException(
                        $"{what}, task \"{tasks[t].Name}\", row {row}: label {y} of a binary task must be 0 or 1",
                        tasks[t].Name, row, y);
                }
                values[row * columns + t] = (float)y;
            }
        }
        Tensor? maskTensor = null;
        if (mask is not null)
        {
            var m = new float[rows * columns];
            for (int row = 0; row < rows; row++)
                for (int t = 0; t < columns; t++) m[row * columns + t] = mask[row, t] ? 1f : 0f;
            maskTensor = tensor(m, [rows, columns]);
        }
        return new LabelTable(tensor(values, [rows, columns]), maskTensor, labels, mask);
    }

    /// <summary>
    /// FNV-1a (64-bit) over the bits of the first <paramref name="rows"/> rows of labels and mask: equal data gives
    /// an equal fingerprint, so a resumed fit can refuse data other than the checkpoint's.
    /// </summary>
    public ulong Fingerprint(long rows)
    {
        const ulong prime = 1099511628211;
        ulong hash = 14695981039346656037;
        int columns = Raw.GetLength(1);
        for (long row = 0; row < rows; row++)
        {
            for (int t = 0; t < columns; t++)
            {
                bool applies = RawMask is null || RawMask[row, t];
                ulong bits = applies ? (ulong)BitConverter.DoubleToInt64Bits(Raw[row, t]) : 0xFFFF_FFFF_FFFF_FFFFUL;
                for (int b = 0; b < 8; b++)
                {
                    hash ^= (bits >> (8 * b)) & 0xFF;
                    hash *= prime;
                }
            }
        }
        return hash;
    }

    public void Dispose()
    {
        Values.Dispose();
        Mask?.Dispose();
    }
}
