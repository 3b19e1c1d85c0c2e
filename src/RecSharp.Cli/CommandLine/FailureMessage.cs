using System.Reflection;
using System.Runtime.InteropServices;

namespace RecSharp.Cli.CommandLine;

/// <summary>Any exception as the one line a user of the command line reads: no type names, stack traces or C++ frames.</summary>
internal static class FailureMessage
{
    /// <summary>The line for <paramref name="error"/>, after unwrapping exceptions that only carry another.</summary>
    public static string Of(Exception error)
    {
        var e = Unwrap(error);
        string message = e is ArgumentException { ParamName: { } name }
            ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : e.Message;
        string text = FirstLine(message);
        return e switch
        {
            OutOfMemoryException => $"out of memory ({text}): the experiment needs more memory than this machine has; " +
                                    "check sizes such as maxLen, embeddingDim, buckets and batchSize",
            ExternalException => $"libtorch: {text}",
            _ => text,
        };
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate: e = aggregate.InnerExceptions[0]; break;
                case TargetInvocationException { InnerException: { } inner }: e = inner; break;
                case TypeInitializationException { InnerException: { } inner }: e = inner; break;
                default: return e;
            }
        }
    }

    // libtorch's messages go on with a C++ stack trace ("Exception raised from …", "frame #0: …").
    private static string FirstLine(string message)
    {
        var lines = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string line = lines.FirstOrDefault() ?? "";
        return line.Length > 0 ? line : "failed without a message";
    }
}
