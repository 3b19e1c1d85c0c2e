using RecSharp.Data.Reading;
using RecSharp.Data.Synthetic;
using RecSharp.Features;

namespace RecSharp.Data.Writing;

/// <summary>
/// Rows to write to a data file, one array per column: <c>int[]</c>, <c>long[]</c>, <c>float[]</c>, <c>double[]</c>
/// or <c>string?[]</c> (null where missing).
/// </summary>
public sealed record DataChunk
{
    /// <summary>Builds a chunk, checking that each column has <paramref name="rowCount"/> values of a written type.
    /// </summary>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="columns">Column name and values, in file order.</param>
    /// <exception cref="ArgumentException">When a column has another length or type.</exception>
    public DataChunk(int rowCount, IReadOnlyList<KeyValuePair<string, Array>> columns)
    {
        foreach (var (name, values) in columns)
        {
            if (values is not (int[] or long[] or float[] or double[] or string?[]))
            {
                throw new ArgumentException($"Column '{name}' is a {values.GetType().Name}, which is not written.");
            }

            if (values.Length != rowCount)
            {
                throw new ArgumentException($"Column '{name}' has {values.Length} values for {rowCount} rows.");
            }
        }

        RowCount = rowCount;
        Columns = columns;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Column name and values, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, Array>> Columns { get; }

    /// <summary>
    /// The columns of generated data as a file holds them: each feature's array (ids and dense values), then one
    /// label column per task (0/1 integers for binary tasks, doubles for regressions).
    /// </summary>
    /// <param name="dataset">Generated rows.</param>
    public static DataChunk From(SyntheticDataset dataset)
    {
        var table = dataset.Table;
        var labels = dataset.Tasks.Select((task, k) => new KeyValuePair<string, Array>(task.Name,
            task.Type == TaskType.Binary ? table.LabelColumn(k).Select(v => (int)v).ToArray() : table.LabelColumn(k)));
        return new DataChunk(table.RowCount, table.ToInputDictionary().Concat(labels).ToArray());
    }

    /// <summary>
    /// The columns of rows read from a file, e.g. to convert them to another format: text as strings (null where
    /// missing), numbers as doubles (NaN where missing); a column read both ways is written as text.
    /// </summary>
    /// <param name="table">The rows.</param>
    public static DataChunk From(RawTable table)
        => new(table.RowCount, table.Columns.Values
            .Select(c => new KeyValuePair<string, Array>(c.Name, (Array?)c.Text ?? c.Numbers!))
            .ToArray());
}
