namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Limits and checks applied by <see cref="SafeTensorsFormat.Read(Stream, SafeTensorsReadOptions?)"/>.
/// </summary>
internal sealed class SafeTensorsReadOptions
{
    /// <summary>The default header size limit: 100 MiB.</summary>
    public const long DefaultMaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>The options used when none are given.</summary>
    public static SafeTensorsReadOptions Default { get; } = new();

    /// <summary>
    /// The largest header accepted, in bytes; a larger declared length is rejected before anything is allocated.
    /// Defaults to <see cref="DefaultMaxHeaderBytes"/>.
    /// </summary>
    public long MaxHeaderBytes { get; init; } = DefaultMaxHeaderBytes;

    /// <summary>
    /// Whether every element of F32, F64, F16 and BF16 tensors must be finite; a NaN or infinity is
    /// reported with the tensor name and element index. Defaults to <see langword="true"/>.
    /// </summary>
    public bool RequireFiniteFloats { get; init; } = true;

    /// <summary>
    /// The newest RecSharp format version accepted. Applies only to files whose metadata declares
    /// <c>"format": "recsharp-safetensors"</c>; files from other writers have no version and pass.
    /// Defaults to <see cref="SafeTensorsFormat.FormatVersion"/>; <see langword="null"/> turns the check off.
    /// </summary>
    public int? RequireFormatVersionAtMost { get; init; } = SafeTensorsFormat.FormatVersion;
}
