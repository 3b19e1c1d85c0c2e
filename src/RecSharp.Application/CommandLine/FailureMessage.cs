using System.Reflection;
using System.Runtime.InteropServices;
using RecSharp.Errors;

namespace RecSharp.Application.CommandLine;

/// <summary>
/// Any exception as the one line a user of the command line reads: no type names, stack traces or C++ frames.
/// </summary>
internal static class FailureMessage
{
    /// <summary>The line for <paramref name="error"/>, after unwrapping exceptions that only carry another.</summary>
    public static string Of(Exception error)
    {
        var e = Unwrap(error);
        string text = ErrorLine.Of(e);
        return e switch
        {
            OutOfMemoryException =>
                $"out of memory ({text}): the experiment needs more memory than this machine has; " +
                                    "check sizes such as maxLen, embeddingDim, buckets and batchSize",
            ExternalException => $"libtorch: {text}",
            _ => text,
        };
    }

    /// <summary>
    /// Writes the one line a command that failed ends with, after <paramref name="source"/>, and returns its exit code:
    /// 2 for usage errors, 130 or 143 when a signal stopped it, 1 for anything else (with the stack trace only when
    /// <paramref name="verbose"/>).
    /// </summary>
    public static int Report(Exception e, TextWriter error, bool verbose, string source = "recsharp")
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(error);
        switch (e)
        {
            case UsageException:
                error.WriteLine($"{source}: {e.Message}");
                return 2;
            case StopRequestedException stop:
                error.WriteLine($"{source}: {e.Message}");
                return stop.ExitCode;
            default:
                // Whatever fails, the user reads one line and gets exit code 1: never a stack trace or an abort.
                error.WriteLine($"{source}: {Of(e)}");
                if (verbose) error.WriteLine(e);
                return 1;
        }
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
}
