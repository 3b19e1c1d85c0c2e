namespace RecSharp.Data.Reading;

/// <summary>
/// A data file that does not match the experiment: a required column absent from the header, or a row with the
/// wrong number of fields, an unparseable number or an unusable label. The message names the file, line (or row, in a
/// file without lines), column and value.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The data file.</param>
    /// <param name="lineNumber">The 1-based line in the file, when the problem is in a row.</param>
    /// <param name="column">The column concerned, when there is one.</param>
    /// <param name="value">The offending field text, when there is one.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    public DataFormatException(string fileName, int? lineNumber, string? column, string? value, string problem)
        : this(fileName, lineNumber, column, value, problem, RowNumbering.Lines)
    {
    }

    /// <summary>Creates the exception for a file whose rows are numbered as <paramref name="numbering"/> says.
    /// </summary>
    /// <param name="fileName">The data file.</param>
    /// <param name="number">The 1-based line or row in the file, when the problem is in a row.</param>
    /// <param name="column">The column concerned, when there is one.</param>
    /// <param name="value">The offending field text, when there is one.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="numbering">Whether <paramref name="number"/> is a line or a row.</param>
    public DataFormatException(
        string fileName, int? number, string? column, string? value, string problem, RowNumbering numbering)
        : base(Format(fileName, number, column, value, problem, numbering))
    {
        FileName = fileName;
        LineNumber = number;
        Column = column;
        Value = value;
        Problem = problem;
        Numbering = numbering;
    }

    /// <summary>The data file.</summary>
    public string FileName { get; }

    /// <summary>
    /// The 1-based line in the file, when the problem is in a row; the row's position for files numbered by
    /// <see cref="RowNumbering.Rows"/>.
    /// </summary>
    public int? LineNumber { get; }

    /// <summary>Whether <see cref="LineNumber"/> counts lines or rows.</summary>
    public RowNumbering Numbering { get; }

    /// <summary>The column concerned, when there is one.</summary>
    public string? Column { get; }

    /// <summary>The offending field text, when there is one.</summary>
    public string? Value { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(
        string fileName, int? number, string? column, string? value, string problem, RowNumbering numbering)
    {
        var where = fileName;
        if (number is { } line)
        {
            where += numbering == RowNumbering.Rows ? $", row {line}" : $", line {line}";
        }

        if (column is not null)
        {
            where += $", column \"{column}\"";
        }

        return value is null ? $"{where}: {problem}" : $"{where}: {problem} (value \"{value}\")";
    }
}
