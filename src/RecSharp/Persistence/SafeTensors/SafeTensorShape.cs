namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Overflow-checked size arithmetic for tensor shapes.
/// </summary>
internal static class SafeTensorShape
{
    /// <summary>The largest number of dimensions accepted in a header.</summary>
    public const int MaxRank = 64;

    /// <summary>The product of the dimensions, with overflow checks.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Shape {Format(shape)} has a negative dimension.", nameof(shape));
            }

            count = checked(count * dimension);
        }

        return count;
    }

    /// <summary>
    /// The byte length of a tensor, or <see langword="false"/> when the element count or the byte
    /// length overflows 64 bits.
    /// </summary>
    public static bool TryGetByteLength(ReadOnlySpan<long> shape, SafeTensorDType dtype, out long elements,
        out long bytes)
    {
        elements = 0;
        bytes = 0;
        try
        {
            elements = ElementCount(shape);
            bytes = checked(elements * SafeTensorDTypes.ElementSize(dtype));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The shape written as <c>[2, 3]</c>.</summary>
    public static string Format(ReadOnlySpan<long> shape) => $"[{string.Join(", ", shape.ToArray())}]";
}
