using System.Globalization;
using System.Numerics;

namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>
/// A column of integers, floats or decimals: numbers as they are, text in invariant notation. A NaN float is a missing
/// value, as writers such as pandas store missing floats.
/// </summary>
/// <typeparam name="T">The column's value type.</typeparam>
internal sealed class NumberColumn<T>(T[] values, bool[]? present) : TypedColumn(present)
    where T : struct, INumberBase<T>
{
    protected override string? StageValue(
        ColumnBuffer buffer, int row, MissingMarkers missing, bool trim)
    {
        if (T.IsNaN(values[row]))
        {
            return buffer.Stage([], isMissing: true);
        }

        if (!buffer.NeedsText)
        {
            return buffer.StageNumber(double.CreateTruncating(values[row]));
        }

        Span<char> text = stackalloc char[64];
        return values[row].TryFormat(text, out var written, default, CultureInfo.InvariantCulture)
            ? buffer.Stage(text[..written], isMissing: false)
            : buffer.Stage(Text(row), isMissing: false);
    }

    protected override string Text(int row) => values[row].ToString(null, CultureInfo.InvariantCulture);
}
