namespace RecSharp.Persistence;

/// <summary>A model artifact that cannot be loaded: its description is missing, malformed, or from a newer
/// format.</summary>
public sealed class ModelArtifactException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelArtifactException(string message, Exception? inner = null) : base(message, inner) { }
}
