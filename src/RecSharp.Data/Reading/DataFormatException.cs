namespace RecSharp.Data.Reading;

/// <summary>
/// A data file that does not match the experiment: a required column absent from the header, or a row with the
/// wrong number of fields, an unparseable number or an unusable label. The message names the file, line (or row, in a
/// file without lines), column and value.
/// </summary>
/// <param name="fileName">The data file.</param>
/// <param name="number">The 1-based line or row in the file, when the problem is in a row.</param>
/// <param name="column">The column concerned, when there is one.</param>
/// <param name="value">The offending field text, when there is one.</param>
/// <param name="problem">What is wrong, without the location.</param>
/// <param name="numbering">Whether <paramref name="number"/> is a line or a row.</param>
public sealed class DataFormatException(
    string fileName, int? number, string? column, string? value, string problem, RowNumbering numbering)
    : FileProblemException(
        fileName, LineOrRow(number, numbering) + (column is null ? "" : $", column \"{column}\""), problem, value)
{
    /// <summary>Creates the exception for a problem in a text file, whose rows are numbered by line.</summary>
    /// <param name="fileName">The data file.</param>
    /// <param name="lineNumber">The 1-based line in the file, when the problem is in a row.</param>
    /// <param name="column">The column concerned, when there is one.</param>
    /// <param name="value">The offending field text, when there is one.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    public DataFormatException(string fileName, int? lineNumber, string? column, string? value, string problem)
        : this(fileName, lineNumber, column, value, problem, RowNumbering.Lines)
    {
    }

    /// <summary>
    /// The 1-based line in the file, when the problem is in a row; the row's position for files numbered by
    /// <see cref="RowNumbering.Rows"/>.
    /// </summary>
    public int? LineNumber { get; } = number;

    /// <summary>Whether <see cref="LineNumber"/> counts lines or rows.</summary>
    public RowNumbering Numbering { get; } = numbering;

    /// <summary>The column concerned, when there is one.</summary>
    public string? Column { get; } = column;

    /// <summary>The offending field text, when there is one.</summary>
    public string? Value { get; } = value;
}
