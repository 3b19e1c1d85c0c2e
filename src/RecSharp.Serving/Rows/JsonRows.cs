using System.Text.Json;

namespace RecSharp.Serving.Rows;

/// <summary>
/// Raw rows given as a JSON array of objects, one property per field, values as in the training data.
/// </summary>
internal static class JsonRows
{
    /// <summary>A builder holding every row of <paramref name="rows"/>, a JSON array of objects.</summary>
    /// <exception cref="InvalidRowException">When a row is not an object or a field does not suit its
    /// features.</exception>
    public static RowTableBuilder Read(JsonElement rows, RowSchema schema)
    {
        var builder = new RowTableBuilder(schema, rows.GetArrayLength());
        int row = 0;
        foreach (var element in rows.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
                throw new InvalidRowException(row, null, $"the row is {Describe(element)}, not a JSON object");
            foreach (var property in element.EnumerateObject())
            {
                int column = schema.IndexOf(property.Name);
                if (column >= 0) builder.Set(row, column, ValueOf(property.Value));
            }
            row++;
        }
        return builder;
    }

    private static RawValue ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => RawValue.Missing,
        JsonValueKind.String => RawValue.OfText(value.GetString()!),
        // A number beyond the double range does not parse; it is refused as not finite.
        JsonValueKind.Number => RawValue.OfNumber(value.TryGetDouble(out double d) ? d : double.PositiveInfinity,
            value.GetRawText()),
        _ => RawValue.Unsupported(Describe(value)),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        _ => "a number",
    };
}
