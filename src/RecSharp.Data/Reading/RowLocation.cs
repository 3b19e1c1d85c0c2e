namespace RecSharp.Data.Reading;

/// <summary>Where a row was read: its file and its line (or row position) there.</summary>
/// <param name="FileName">The file.</param>
/// <param name="Number">The 1-based line, or row position for files numbered by rows.</param>
/// <param name="Numbering">Whether <paramref name="Number"/> is a line or a row position.</param>
public sealed record RowLocation(string FileName, int Number, RowNumbering Numbering)
{
    /// <summary>The error for a problem with a value of this row.</summary>
    /// <param name="column">The column concerned.</param>
    /// <param name="value">The offending value, as text.</param>
    /// <param name="problem">What is wrong.</param>
    public DataFormatException Error(string? column, string? value, string problem)
        => new(FileName, Number, column, value, problem, Numbering);
}
