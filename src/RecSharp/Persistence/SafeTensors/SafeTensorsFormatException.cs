namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Thrown when a safetensors file is malformed, truncated, hostile or otherwise unacceptable.
/// The message says which tensor, field and values are at fault.
/// </summary>
internal sealed class SafeTensorsFormatException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SafeTensorsFormatException()
        : base("The safetensors data is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public SafeTensorsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SafeTensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
