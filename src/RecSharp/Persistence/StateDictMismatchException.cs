namespace RecSharp.Persistence;

/// <summary>A state dict that does not fit the model: a missing or unexpected key, or a shape that differs.</summary>
public sealed class StateDictMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StateDictMismatchException(string message) : base(message) { }
}
