using RecSharp.Data.Tables;

namespace RecSharp.Data.Reading;

/// <summary>Rows read from a data file, kept per requested column, before any fitted encoding.</summary>
public sealed class RawTable
{
    /// <summary>Builds a table, checking every column has one entry per row.</summary>
    /// <param name="fileName">The source file.</param>
    /// <param name="lineNumbers">The 1-based file line of each row.</param>
    /// <param name="columns">The requested columns.</param>
    /// <param name="badRows">The rows skipped while reading these rows.</param>
    public RawTable(string fileName, int[] lineNumbers, IEnumerable<RawColumn> columns, BadRowReport? badRows = null)
    {
        FileName = fileName;
        LineNumbers = lineNumbers;
        Columns = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in Columns.Values)
        {
            if ((column.Text is { } t && t.Length != RowCount) || (column.Numbers is { } n && n.Length != RowCount))
            {
                throw new ArgumentException($"Column '{column.Name}' does not have {RowCount} rows.", nameof(columns));
            }
        }

        BadRows = badRows ?? BadRowReport.None;
    }

    /// <summary>The source file.</summary>
    public string FileName { get; }

    /// <summary>The number of rows kept.</summary>
    public int RowCount => LineNumbers.Length;

    /// <summary>The 1-based file line of each row, for error messages.</summary>
    public int[] LineNumbers { get; }

    /// <summary>The requested columns by name.</summary>
    public IReadOnlyDictionary<string, RawColumn> Columns { get; }

    /// <summary>The rows skipped while reading (always none unless bad rows were skipped).</summary>
    public BadRowReport BadRows { get; }

    /// <summary>A column by name.</summary>
    /// <param name="name">The column name.</param>
    /// <exception cref="KeyNotFoundException">When the column was not read.</exception>
    public RawColumn this[string name] => Columns[name];

    /// <summary>A new table holding the given rows in the given order.</summary>
    /// <param name="rowIndices">Row positions in this table.</param>
    public RawTable Slice(int[] rowIndices)
    {
        var columns = Columns.Values.Select(c => new RawColumn(
            c.Name,
            c.Text is null ? null : ArraySlicing.Pick(c.Text, rowIndices),
            c.Numbers is null ? null : ArraySlicing.Pick(c.Numbers, rowIndices)));
        return new RawTable(FileName, ArraySlicing.Pick(LineNumbers, rowIndices), columns, BadRows);
    }

    /// <summary>A seeded shuffled train/test split, identical to <see cref="ColumnarTable.Split"/> for the same rows.</summary>
    /// <param name="testFraction">The test share, in [0, 1).</param>
    /// <param name="seed">The shuffle seed.</param>
    public (RawTable Train, RawTable Test) Split(double testFraction, int seed)
    {
        var (train, test) = ShuffleSplit.Indices(RowCount, testFraction, seed);
        return (Slice(train), Slice(test));
    }
}
