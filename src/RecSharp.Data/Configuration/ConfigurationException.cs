namespace RecSharp.Data.Configuration;

/// <summary>
/// An experiment file that cannot be used: malformed YAML, an unknown key, or an invalid value.
/// The message is one line naming the file, the line and the problem.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception for a problem at a known place.</summary>
    /// <param name="fileName">The experiment file name, or a description of the text's origin.</param>
    /// <param name="line">The 1-based line of the offending key or value, when known.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    public ConfigurationException(string fileName, int? line, string problem)
        : base(Format(fileName, line, problem))
    {
        FileName = fileName;
        Line = line;
        Problem = problem;
    }

    /// <summary>The experiment file name, or a description of the text's origin.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line of the offending key or value, when known.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string fileName, int? line, string problem)
        => line is { } l ? $"{fileName}, line {l}: {problem}" : $"{fileName}: {problem}";
}
