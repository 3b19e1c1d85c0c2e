using RecSharp.Data.Reading;

namespace RecSharp.Data.Configuration;

/// <summary>
/// An experiment file that cannot be used: malformed YAML, an unknown key, or an invalid value.
/// The message is one line naming the file, the line and the problem.
/// </summary>
/// <param name="fileName">The experiment file name, or a description of the text's origin.</param>
/// <param name="line">The 1-based line of the offending key or value, when known.</param>
/// <param name="problem">What is wrong, without the location.</param>
public sealed class ConfigurationException(string fileName, int? line, string problem)
    : FileProblemException(fileName, LineOrRow(line), problem)
{
    /// <summary>The 1-based line of the offending key or value, when known.</summary>
    public int? Line { get; } = line;
}
