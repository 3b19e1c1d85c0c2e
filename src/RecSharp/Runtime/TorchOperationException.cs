using System.Runtime.InteropServices;

namespace RecSharp.Runtime;

/// <summary>
/// A libtorch operation failed while RecSharp was training, predicting or building a model. libtorch reports its
/// failures as an <see cref="ExternalException"/> whose message runs on with a C++ trace; this exception says on one
/// line what RecSharp was doing and libtorch's reason, and whether memory ran out. The original is the inner exception.
/// </summary>
public sealed class TorchOperationException : Exception
{
    internal TorchOperationException(string operation, ExternalException failure)
        : base(Describe(operation, failure.Message), failure)
    {
        OutOfMemory = IsAllocationFailure(failure.Message);
    }

    /// <summary>Whether libtorch could not allocate memory (a smaller batch or model may fit).</summary>
    public bool OutOfMemory { get; }

    private static bool IsAllocationFailure(string message) =>
        message.Contains("allocate", StringComparison.OrdinalIgnoreCase)
        || message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not enough memory", StringComparison.OrdinalIgnoreCase);

    private static string Describe(string operation, string message)
    {
        string reason = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "";
        return IsAllocationFailure(message)
            ? $"{operation}: libtorch could not allocate the memory it needed ({reason}); " +
              "lower the batch size or the model's sizes"
            : $"{operation}: libtorch failed: {reason}";
    }
}
