namespace RecSharp.Runtime;

/// <summary>Thrown when libtorch or TorchSharp's native glue cannot be loaded; the message says what to do.</summary>
public sealed class NativeLibraryLoadException : Exception
{
    /// <summary>Creates the exception with its explanation and the original failure.</summary>
    public NativeLibraryLoadException(string message, Exception inner) : base(message, inner) { }
}
