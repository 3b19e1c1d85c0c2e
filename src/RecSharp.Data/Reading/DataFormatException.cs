namespace RecSharp.Data.Reading;

/// <summary>
/// A data file that does not match the experiment: a required column absent from the header, or a row with the
/// wrong number of fields, an unparseable number or an unusable label. The message names the file, line, column and value.
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
        : base(Format(fileName, lineNumber, column, value, problem))
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Column = column;
        Value = value;
        Problem = problem;
    }

    /// <summary>The data file.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line in the file, when the problem is in a row.</summary>
    public int? LineNumber { get; }

    /// <summary>The column concerned, when there is one.</summary>
    public string? Column { get; }

    /// <summary>The offending field text, when there is one.</summary>
    public string? Value { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string fileName, int? lineNumber, string? column, string? value, string problem)
    {
        var where = fileName;
        if (lineNumber is { } line)
        {
            where += $", line {line}";
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return value is null ? $"{where}: {problem}" : $"{where}: {problem} (value '{value}')";
    }
}
