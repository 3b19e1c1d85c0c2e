using RecSharp.Data.Tables;

namespace RecSharp.Data.Reading;

/// <summary>
/// Rows read from one or more data files, kept per requested column, before any fitted encoding. Each row remembers
/// its file and line (or row position), so that a later problem with a value names where it came from.
/// </summary>
public sealed class RawTable
{
    private readonly string[] files;
    private readonly RowNumbering[] numberings;
    private readonly int[]? fileOfRow;

    /// <summary>Builds a table of rows from one file, checking every column has one entry per row.</summary>
    /// <param name="fileName">The source file.</param>
    /// <param name="lineNumbers">The 1-based file line (or row position) of each row.</param>
    /// <param name="columns">The requested columns.</param>
    /// <param name="badRows">The rows skipped while reading these rows.</param>
    /// <param name="numbering">Whether <paramref name="lineNumbers"/> are lines or row positions.</param>
    public RawTable(
        string fileName,
        int[] lineNumbers,
        IEnumerable<RawColumn> columns,
        BadRowReport? badRows = null,
        RowNumbering numbering = RowNumbering.Lines)
        : this(fileName, [fileName], [numbering], null, lineNumbers, columns, badRows)
    {
    }

    private RawTable(
        string name,
        string[] files,
        RowNumbering[] numberings,
        int[]? fileOfRow,
        int[] lineNumbers,
        IEnumerable<RawColumn> columns,
        BadRowReport? badRows)
    {
        FileName = name;
        this.files = files;
        this.numberings = numberings;
        this.fileOfRow = fileOfRow;
        LineNumbers = lineNumbers;
        Columns = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in Columns.Values)
        {
            if ((column.Text is { } t && t.Length != RowCount) || (column.Numbers is { } n && n.Length != RowCount))
            {
                throw new ArgumentException($"column \"{column.Name}\" does not have {RowCount} rows", nameof(columns));
            }
        }

        BadRows = badRows ?? BadRowReport.None;
    }

    /// <summary>The source file, or the name of the data set when the rows come from several files.</summary>
    public string FileName { get; }

    /// <summary>The number of rows kept.</summary>
    public int RowCount => LineNumbers.Length;

    /// <summary>The 1-based line (or row position) of each row in its file, for error messages.</summary>
    public int[] LineNumbers { get; }

    /// <summary>The requested columns by name.</summary>
    public IReadOnlyDictionary<string, RawColumn> Columns { get; }

    /// <summary>The rows skipped while reading (always none unless bad rows were skipped).</summary>
    public BadRowReport BadRows { get; }

    /// <summary>A column by name.</summary>
    /// <param name="name">The column name.</param>
    /// <exception cref="KeyNotFoundException">When the column was not read.</exception>
    public RawColumn this[string name] => Columns[name];

    /// <summary>The text of <paramref name="column"/>, which <paramref name="feature"/> reads.</summary>
    /// <exception cref="ArgumentException">When the column was read only as numbers, or not at all.</exception>
    internal string?[] TextFor(string feature, string column)
        => Columns.TryGetValue(column, out var c) && c.Text is { } text
            ? text
            : throw NotReadAs("text", feature, column);

    /// <summary>The numbers of <paramref name="column"/>, which <paramref name="feature"/> reads.</summary>
    /// <exception cref="ArgumentException">When the column was read only as text, or not at all.</exception>
    internal double[] NumbersFor(string feature, string column)
        => Columns.TryGetValue(column, out var c) && c.Numbers is { } numbers
            ? numbers
            : throw NotReadAs("numeric", feature, column);

    /// <summary>The file a row was read from.</summary>
    /// <param name="row">The row's position in this table.</param>
    public string FileOf(int row) => files[fileOfRow?[row] ?? 0];

    /// <summary>The error for a problem with a row's value, naming the row's file and line (or row position).</summary>
    /// <param name="row">The row's position in this table.</param>
    /// <param name="column">The column concerned.</param>
    /// <param name="value">The offending value, as text.</param>
    /// <param name="problem">What is wrong.</param>
    public DataFormatException ErrorAt(int row, string? column, string? value, string problem)
        => LocationOf(row).Error(column, value, problem);

    /// <summary>Where a row was read.</summary>
    /// <param name="row">The row's position in this table.</param>
    public RowLocation LocationOf(int row)
    {
        var file = fileOfRow?[row] ?? 0;
        return new RowLocation(files[file], LineNumbers[row], numberings[file]);
    }

    /// <summary>The rows of several tables read with the same columns, one after another.</summary>
    /// <param name="name">The name of the whole, e.g. the configured path or pattern.</param>
    /// <param name="parts">The tables, in order; each must hold the same columns in the same forms.</param>
    /// <exception cref="ArgumentException">When the parts do not hold the same columns.</exception>
    public static RawTable Concat(string name, IReadOnlyList<RawTable> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var allFiles = new List<string>();
        var allNumberings = new List<RowNumbering>();
        var owner = new List<int>();
        foreach (var part in parts)
        {
            var offset = allFiles.Count;
            allFiles.AddRange(part.files);
            allNumberings.AddRange(part.numberings);
            owner.AddRange(part.fileOfRow?.Select(f => f + offset) ?? Enumerable.Repeat(offset, part.RowCount));
        }

        var template = parts.Count > 0 ? parts[0].Columns.Values : [];
        var columns = template.Select(c => new RawColumn(
            c.Name,
            c.Text is null
                ? null
                : parts.SelectMany(p => Part(p, c.Name).Text ?? Mismatch<string?>(p, c)).ToArray(),
            c.Numbers is null
                ? null
                : parts.SelectMany(p => Part(p, c.Name).Numbers ?? Mismatch<double>(p, c)).ToArray()));
        var badRows = parts.Aggregate(BadRowReport.None, (all, p) => all.Combine(p.BadRows));
        return new RawTable(name, allFiles.ToArray(), allNumberings.ToArray(), owner.ToArray(),
            parts.SelectMany(p => p.LineNumbers).ToArray(), columns, badRows);
    }

    /// <summary>A new table holding the given rows in the given order.</summary>
    /// <param name="rowIndices">Row positions in this table.</param>
    public RawTable Slice(int[] rowIndices)
    {
        var columns = Columns.Values.Select(c => new RawColumn(
            c.Name,
            c.Text is null ? null : ArraySlicing.Pick(c.Text, rowIndices),
            c.Numbers is null ? null : ArraySlicing.Pick(c.Numbers, rowIndices)));
        var owners = fileOfRow is null ? null : ArraySlicing.Pick(fileOfRow, rowIndices);
        var lines = ArraySlicing.Pick(LineNumbers, rowIndices);
        return new RawTable(FileName, files, numberings, owners, lines, columns, BadRows);
    }

    /// <summary>A seeded shuffled train/test split, identical to <see cref="ColumnarTable.Split"/> for the same
    /// rows.</summary>
    /// <param name="testFraction">The test share, in [0, 1).</param>
    /// <param name="seed">The shuffle seed.</param>
    public (RawTable Train, RawTable Test) Split(double testFraction, int seed)
    {
        var (train, test) = ShuffleSplit.Indices(RowCount, testFraction, seed);
        return (Slice(train), Slice(test));
    }

    private ArgumentException NotReadAs(string form, string feature, string column)
        => new($"feature \"{feature}\": the rows of {FileName} have no {form} column \"{column}\"");

    private static RawColumn Part(RawTable part, string name)
        => part.Columns.TryGetValue(name, out var column)
            ? column
            : throw new ArgumentException($"the rows of {part.FileName} have no column \"{name}\"");

    private static T[] Mismatch<T>(RawTable part, RawColumn column)
        => throw new ArgumentException(
            $"column \"{column.Name}\" of {part.FileName} was not read in the same form as in the other files");
}
