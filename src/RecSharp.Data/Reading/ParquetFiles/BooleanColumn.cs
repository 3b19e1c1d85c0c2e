namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>A column of booleans: 1 and 0 as numbers, <c>true</c> and <c>false</c> as text.</summary>
internal sealed class BooleanColumn(bool[] values, bool[]? present) : TypedColumn(present)
{
    protected override string? StageValue(
        ColumnBuffer buffer, int row, MissingMarkers missing, bool trim)
        => buffer.NeedsText ? buffer.Stage(Text(row), isMissing: false) : buffer.StageNumber(values[row] ? 1 : 0);

    protected override string Text(int row) => values[row] ? "true" : "false";
}
