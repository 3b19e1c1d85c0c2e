namespace RecSharp.Serving.Http;

/// <summary>An exception as one line for the log or an error response: the first line of its message.</summary>
internal static class ErrorText
{
    /// <summary>
    /// The line for <paramref name="error"/>, without .NET's parameter suffix or libtorch's stack frames.
    /// </summary>
    public static string Of(Exception error)
    {
        string message = error is ArgumentException { ParamName: { } name }
            ? error.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : error.Message;
        var lines = message.ReplaceLineEndings("\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault() ?? "failed without a message";
    }
}
