namespace RecSharp.Serving.Rows;

/// <summary>One field of a raw row.</summary>
/// <param name="Name">The source column.</param>
/// <param name="Text">Whether a categorical or sequence feature reads it as text.</param>
/// <param name="Number">Whether a dense feature reads it as a number.</param>
internal sealed record RowColumn(string Name, bool Text, bool Number);
