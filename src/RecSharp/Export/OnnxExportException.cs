namespace RecSharp.Export;

/// <summary>
/// A model that cannot be written as ONNX: a custom activation, weights of another dtype, or a file too large.
/// </summary>
public sealed class OnnxExportException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OnnxExportException(string message, Exception? inner = null) : base(message, inner) { }
}
