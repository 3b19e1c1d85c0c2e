namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// The element types a safetensors file can hold. All multi-byte types are stored little-endian.
/// </summary>
internal enum SafeTensorDType
{
    /// <summary>32-bit IEEE float, written <c>F32</c>.</summary>
    F32,

    /// <summary>64-bit IEEE float, written <c>F64</c>.</summary>
    F64,

    /// <summary>16-bit IEEE half-precision float, written <c>F16</c>.</summary>
    F16,

    /// <summary>16-bit brain float (the upper half of an F32), written <c>BF16</c>.</summary>
    BF16,

    /// <summary>64-bit signed integer, written <c>I64</c>.</summary>
    I64,

    /// <summary>32-bit signed integer, written <c>I32</c>.</summary>
    I32,

    /// <summary>16-bit signed integer, written <c>I16</c>.</summary>
    I16,

    /// <summary>8-bit signed integer, written <c>I8</c>.</summary>
    I8,

    /// <summary>8-bit unsigned integer, written <c>U8</c>.</summary>
    U8,

    /// <summary>Boolean stored as one byte, written <c>BOOL</c>.</summary>
    Bool,
}
