namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Checks that an entry is consistent before it is written.
/// </summary>
internal static class SafeTensorEntryCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the tensor when the entry is inconsistent.</summary>
    public static void Require(SafeTensorEntry entry)
    {
        if (entry.Name is null)
        {
            throw new ArgumentException("A tensor name must not be null.", nameof(entry));
        }

        string name = SafeTensorsText.Quote(entry.Name);
        if (entry.Name == SafeTensorsFormat.MetadataKey)
        {
            throw new ArgumentException($"The tensor name {name} is reserved for metadata.", nameof(entry));
        }

        if (!Enum.IsDefined(entry.DType))
        {
            throw new ArgumentException($"Tensor {name} has an undefined dtype {(int)entry.DType}.", nameof(entry));
        }

        if (entry.Shape is null || entry.Data is null)
        {
            throw new ArgumentException($"Tensor {name} must have a shape and data.", nameof(entry));
        }

        if (entry.Shape.Length > SafeTensorShape.MaxRank || entry.Shape.Any(d => d < 0))
        {
            throw new ArgumentException(
                $"Tensor {name} shape {entry.FormatShape()} must have at most {SafeTensorShape.MaxRank} non-negative " +
                    "dimensions.", nameof(entry));
        }

        if (!SafeTensorShape.TryGetByteLength(entry.Shape, entry.DType, out _, out long bytes))
        {
            throw new ArgumentException($"Tensor {name} shape {entry.FormatShape()} overflows a 64-bit byte size.",
            nameof(entry));
        }

        if (bytes != entry.Data.Length)
        {
            throw new ArgumentException(
                $"Tensor {name} shape {entry.FormatShape()} of {SafeTensorDTypes.GetName(entry.DType)} needs {bytes} " +
                    "bytes, "
                + $"but its data has {entry.Data.Length}.", nameof(entry));
        }
    }
}
