namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>
/// A column of strings, or of lists joined into one field with a sequence feature's delimiter. Values are trimmed and
/// compared with the missing-value markers as fields of a text file are, and parsed when read as numbers.
/// </summary>
internal sealed class TextColumn(ReadOnlyMemory<char>[] values, bool[]? present) : TypedColumn(present)
{
    protected override string? StageValue(
        ColumnBuffer buffer, int row, MissingMarkers missing, bool trim)
        => buffer.StageText(values[row], this, missing, trim);

    protected override string Text(int row) => values[row].ToString();
}
