namespace RecSharp.Data.Tables;

/// <summary>
/// Model-ready rows in columns: one compact array per input feature and a label matrix.
/// Sparse and hashed features are <c>int[rows]</c> ids, dense features <c>float[rows]</c>,
/// sequence features <c>int[rows, maxLen]</c> ids (0 = padding), and <see cref="Labels"/> is
/// <c>double[rows, tasks]</c> in task order. Arrays are shared, not copied: do not modify them.
/// </summary>
public sealed class ColumnarTable
{
    private readonly Dictionary<string, Array> columns;

    /// <summary>Builds a table, checking every array has <paramref name="rowCount"/> rows.</summary>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="features">Feature name and array pairs, in feature order.</param>
    /// <param name="taskNames">The task names, in label-column order; may be empty when labels are unknown.</param>
    /// <param name="labels">The <c>double[rowCount, taskNames.Count]</c> labels; null means no labels (zero
    /// columns).</param>
    /// <exception cref="ArgumentException">When a shape does not match or a name repeats.</exception>
    public ColumnarTable(int rowCount, IEnumerable<KeyValuePair<string, Array>> features,
        IReadOnlyList<string> taskNames, double[,]? labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        RowCount = rowCount;
        columns = new Dictionary<string, Array>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, array) in features)
        {
            if (ArraySlicing.RowCount(array) != rowCount)
            {
                throw new ArgumentException(
                    $"Feature '{name}' has {ArraySlicing.RowCount(array)} rows, expected {rowCount}.",
                nameof(features));
            }

            if (!columns.TryAdd(name, array))
            {
                throw new ArgumentException($"Feature '{name}' appears twice.", nameof(features));
            }

            names.Add(name);
        }

        FeatureNames = names;
        TaskNames = taskNames.ToArray();
        Labels = labels ?? new double[rowCount, TaskNames.Count];
        if (Labels.GetLength(0) != rowCount || Labels.GetLength(1) != TaskNames.Count)
        {
            throw new ArgumentException(
                $"Labels are {Labels.GetLength(0)}×{Labels.GetLength(1)}, expected {rowCount}×{TaskNames.Count}.",
            nameof(labels));
        }

        HasLabels = labels is not null;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The feature names, in declaration order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The task names, in label-column order.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary>The labels, <c>double[RowCount, TaskNames.Count]</c>; all zero when <see cref="HasLabels"/> is
    /// false.</summary>
    public double[,] Labels { get; }

    /// <summary>Whether the labels were read from data (false for prediction inputs without label columns).</summary>
    public bool HasLabels { get; }

    /// <summary>The array of one feature.</summary>
    /// <param name="featureName">The feature name.</param>
    /// <exception cref="KeyNotFoundException">When there is no such feature.</exception>
    public Array this[string featureName] => columns[featureName];

    /// <summary>Feature name to array, in feature order: <c>int[]</c>, <c>float[]</c> or <c>int[,]</c> as described on
    /// the type.</summary>
    public IReadOnlyDictionary<string, Array> ToInputDictionary()
    {
        var ordered = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var name in FeatureNames)
        {
            ordered[name] = columns[name];
        }

        return ordered;
    }

    /// <summary>One task's labels as a vector.</summary>
    /// <param name="taskIndex">The task position in <see cref="TaskNames"/>.</param>
    public double[] LabelColumn(int taskIndex)
    {
        var result = new double[RowCount];
        for (var i = 0; i < RowCount; i++)
        {
            result[i] = Labels[i, taskIndex];
        }

        return result;
    }

    /// <summary>A new table holding the given rows, in the given order (indices may repeat).</summary>
    /// <param name="rowIndices">Row positions in this table.</param>
    public ColumnarTable Slice(int[] rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        var sliced = FeatureNames.Select(
            n => new KeyValuePair<string, Array>(n, ArraySlicing.Rows(columns[n], rowIndices)));
        var labels = ArraySlicing.Pick(Labels, rowIndices);
        return new ColumnarTable(rowIndices.Length, sliced, TaskNames, HasLabels ? labels : null);
    }

    /// <summary>A seeded shuffled train/test split; see <see cref="ShuffleSplit"/> for the exact rule.</summary>
    /// <param name="testFraction">The test share, in [0, 1).</param>
    /// <param name="seed">The shuffle seed.</param>
    public (ColumnarTable Train, ColumnarTable Test) Split(double testFraction, int seed)
    {
        var (train, test) = ShuffleSplit.Indices(RowCount, testFraction, seed);
        return (Slice(train), Slice(test));
    }
}
