namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>
/// One column of one row group as its typed values, one entry per row, with the rows whose value is null; each row's
/// value is checked and kept by a <see cref="ColumnBuffer"/> without boxing.
/// </summary>
/// <param name="present">Per row, whether the value is defined; null when no value is null.</param>
internal abstract class TypedColumn(bool[]? present)
{
    /// <summary>Stages a row's value into <paramref name="buffer"/>; returns the problem, or null.</summary>
    /// <param name="buffer">The requested column's buffer.</param>
    /// <param name="row">The row in this row group.</param>
    /// <param name="missing">The text values that mean missing.</param>
    /// <param name="trim">Whether spaces around text values are removed.</param>
    public string? StageInto(
        ColumnBuffer buffer, int row, MissingMarkers missing, bool trim)
        => IsNull(row) ? buffer.Stage([], isMissing: true) : StageValue(buffer, row, missing, trim);

    /// <summary>A row's value as text for messages, or null when it is null.</summary>
    /// <param name="row">The row in this row group.</param>
    public string? Describe(int row) => IsNull(row) ? null : Text(row);

    /// <summary>Whether a row's value is null.</summary>
    /// <param name="row">The row in this row group.</param>
    public bool IsNull(int row) => present is not null && !present[row];

    /// <summary>Stages a defined value.</summary>
    protected abstract string? StageValue(
        ColumnBuffer buffer, int row, MissingMarkers missing, bool trim);

    /// <summary>A defined value as text.</summary>
    protected abstract string Text(int row);

    /// <summary>
    /// Moves the defined values packed at the start of <paramref name="values"/> to the rows whose definition level
    /// is <paramref name="maxLevel"/>, one row per entry of <paramref name="levels"/>, and marks in
    /// <paramref name="present"/> whether each row has a value.
    /// </summary>
    internal static void Spread<T>(T[] values, ReadOnlySpan<int> levels, int maxLevel, bool[] present)
    {
        var defined = 0;
        for (var row = 0; row < levels.Length; row++)
        {
            present[row] = levels[row] == maxLevel;
            defined += present[row] ? 1 : 0;
        }

        for (int row = levels.Length - 1, next = defined - 1; row >= 0 && next >= 0; row--)
        {
            if (present[row])
            {
                values[row] = values[next--];
            }
        }
    }
}
