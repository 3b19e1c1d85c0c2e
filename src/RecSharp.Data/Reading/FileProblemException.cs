namespace RecSharp.Data.Reading;

/// <summary>
/// A problem found in a file: a data file or an experiment file. The message is one line naming the file, the place
/// in it when known and the problem: <c>data.csv, line 3, column "age": not a number (value "x")</c>.
/// </summary>
public abstract class FileProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file, or a description of the text's origin.</param>
    /// <param name="place">The place in the file, written after its name (such as <c>, line 3</c>), or empty.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="value">The offending text, when there is one.</param>
    protected FileProblemException(string fileName, string place, string problem, string? value = null)
        : base(value is null ? $"{fileName}{place}: {problem}" : $"{fileName}{place}: {problem} (value \"{value}\")")
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file, or a description of the text's origin.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The place of a 1-based line or row, <c>, line 3</c> or <c>, row 3</c>; empty when unknown.</summary>
    /// <param name="number">The line or row, when known.</param>
    /// <param name="numbering">Whether <paramref name="number"/> is a line or a row.</param>
    protected static string LineOrRow(int? number, RowNumbering numbering = RowNumbering.Lines) => number switch
    {
        null => "",
        { } row when numbering == RowNumbering.Rows => $", row {row}",
        { } line => $", line {line}",
    };
}
