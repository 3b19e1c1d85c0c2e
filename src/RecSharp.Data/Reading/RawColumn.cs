namespace RecSharp.Data.Reading;

/// <summary>The fields of one column as read: text, numbers, or both when several uses need both.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Text">The trimmed fields, null where missing; null when the column was only read as numbers.</param>
/// <param name="Numbers">The parsed fields, NaN where missing; null when the column was only read as text.</param>
public sealed record RawColumn(string Name, string?[]? Text, double[]? Numbers);
