namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// One tensor as declared in a header, before its data is read.
/// </summary>
/// <param name="Name">The tensor name.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Begin">The first byte of its data, relative to the start of the data section.</param>
/// <param name="End">One past the last byte of its data.</param>
internal sealed record TensorHeader(string Name, SafeTensorDType DType, long[] Shape, long Begin, long End)
{
    /// <summary>The offsets written as <c>[begin, end]</c>, for messages.</summary>
    public string Offsets => $"[{Begin}, {End}]";

    /// <summary>The tensor name quoted and shortened, for messages.</summary>
    public string Quoted => SafeTensorsText.Quote(Name);
}
