namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// One named tensor: its element type, its shape and its raw bytes, little-endian and row-major.
/// Equality compares <see cref="Shape"/> and <see cref="Data"/> by reference, as for any record holding arrays.
/// </summary>
/// <param name="Name">The tensor name, unique within a file; <c>__metadata__</c> is reserved.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions; an empty shape is a scalar holding one element.</param>
/// <param name="Data">The elements, little-endian and row-major; its length is the element count times the element
/// size.</param>
internal sealed record SafeTensorEntry(string Name, SafeTensorDType DType, long[] Shape, byte[] Data)
{
    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    /// <exception cref="OverflowException">The product does not fit in 64 bits.</exception>
    public long ElementCount => SafeTensorShape.ElementCount(Shape);

    /// <summary>The shape written as <c>[2, 3]</c>, for messages.</summary>
    /// <returns>The formatted shape.</returns>
    public string FormatShape() => SafeTensorShape.Format(Shape);
}
