using System.Diagnostics.CodeAnalysis;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Names and sizes of <see cref="SafeTensorDType"/> values as the safetensors header spells them.
/// </summary>
internal static class SafeTensorDTypes
{
    private static readonly SafeTensorDType[] All = Enum.GetValues<SafeTensorDType>();

    /// <summary>The header names of every supported dtype, such as <c>F32</c> and <c>BOOL</c>.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = [.. All.Select(GetName)];

    /// <summary>The size in bytes of one element.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>1, 2, 4 or 8.</returns>
    public static int ElementSize(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 or SafeTensorDType.I64 => 8,
        SafeTensorDType.F32 or SafeTensorDType.I32 => 4,
        SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.I16 => 2,
        SafeTensorDType.I8 or SafeTensorDType.U8 or SafeTensorDType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>Whether the dtype is a floating-point type (F32, F64, F16 or BF16).</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns><see langword="true"/> for floating-point types.</returns>
    public static bool IsFloatingPoint(SafeTensorDType dtype)
        => dtype is SafeTensorDType.F32 or SafeTensorDType.F64 or SafeTensorDType.F16 or SafeTensorDType.BF16;

    /// <summary>The name used in the header, such as <c>F32</c> or <c>BOOL</c>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>The header name.</returns>
    public static string GetName(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Bool => "BOOL",
        _ when Enum.IsDefined(dtype) => dtype.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>Parses a header name; matching is exact and case-sensitive.</summary>
    /// <param name="name">The header name, such as <c>F32</c>.</param>
    /// <param name="dtype">The parsed type when the name is known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, [NotNullWhen(true)] out SafeTensorDType? dtype)
    {
        foreach (SafeTensorDType candidate in All)
        {
            if (string.Equals(GetName(candidate), name, StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = null;
        return false;
    }
}
