namespace RecSharp.Errors;

/// <summary>
/// The one style of an error as a user reads it, in the command line's output and in the server's responses: the
/// message alone, which names the file, feature, row or value itself, without .NET's <c> (Parameter 'x')</c> suffix.
/// </summary>
public static class ErrorLine
{
    /// <summary>
    /// The message of <paramref name="error"/> without the parameter suffix an <see cref="ArgumentException"/> adds;
    /// for quoting it in another message.
    /// </summary>
    /// <param name="error">Any exception.</param>
    public static string Message(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ArgumentException { ParamName: { } name }
            ? error.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : error.Message;
    }

    /// <summary>
    /// The first line of <see cref="Message"/> (libtorch's messages go on with C++ stack frames), or "failed without
    /// a message".
    /// </summary>
    /// <param name="error">Any exception.</param>
    public static string Of(Exception error)
    {
        var lines = Message(error).ReplaceLineEndings("\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault() ?? "failed without a message";
    }
}
