namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Formatting helpers for error messages; untrusted text is shortened so a hostile file cannot flood a log.
/// </summary>
internal static class SafeTensorsText
{
    private const int MaxLength = 80;

    /// <summary>The text cut to a readable length.</summary>
    public static string Shorten(string text)
        => text.Length <= MaxLength ? text : $"{text[..MaxLength]}… ({text.Length} characters)";

    /// <summary>The text in single quotes, cut to a readable length.</summary>
    public static string Quote(string text) => $"'{Shorten(text)}'";

    /// <summary>Builds the exception for a malformed file.</summary>
    public static SafeTensorsFormatException Fail(string message) => new(message);
}
