using System.Globalization;

namespace RecSharp.Serving.Rows;

/// <summary>
/// Raw rows given in process: one dictionary per row from field name to value (text, a number or null).
/// </summary>
internal static class DictionaryRows
{
    /// <summary>A builder holding every row of <paramref name="rows"/>.</summary>
    /// <exception cref="InvalidRowException">When a row is null or a field does not suit its features.</exception>
    public static RowTableBuilder Read(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, RowSchema schema)
    {
        var builder = new RowTableBuilder(schema, rows.Count);
        for (int row = 0; row < rows.Count; row++)
        {
            var fields = rows[row] ?? throw new InvalidRowException(row, null, "the row is null");
            foreach (var (name, value) in fields)
            {
                int column = schema.IndexOf(name);
                if (column >= 0) builder.Set(row, column, ValueOf(value));
            }
        }
        return builder;
    }

    private static RawValue ValueOf(object? value) => value switch
    {
        null or DBNull => RawValue.Missing,
        string text => RawValue.OfText(text),
        bool flag => RawValue.Unsupported(flag ? "true" : "false"),
        IConvertible number when IsNumber(number.GetTypeCode()) => RawValue.OfNumber(
            number.ToDouble(CultureInfo.InvariantCulture), number.ToString(CultureInfo.InvariantCulture)),
        _ => RawValue.Unsupported($"a {value.GetType().Name}"),
    };

    private static bool IsNumber(TypeCode code) => code is >= TypeCode.SByte and <= TypeCode.Decimal;
}
