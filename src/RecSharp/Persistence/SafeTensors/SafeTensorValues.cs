using System.Runtime.InteropServices;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Converts between typed arrays and <see cref="SafeTensorEntry"/> bytes for the common dtypes.
/// </summary>
internal static class SafeTensorValues
{
    /// <summary>Creates an F32 entry.</summary>
    /// <param name="name">The tensor name.</param>
    /// <param name="shape">The dimensions; copied.</param>
    /// <param name="values">The elements in row-major order.</param>
    /// <returns>The entry.</returns>
    public static SafeTensorEntry FromSingles(string name, long[] shape, ReadOnlySpan<float> values)
        => Create(name, SafeTensorDType.F32, shape, values);

    /// <summary>Creates an F64 entry.</summary>
    /// <param name="name">The tensor name.</param>
    /// <param name="shape">The dimensions; copied.</param>
    /// <param name="values">The elements in row-major order.</param>
    /// <returns>The entry.</returns>
    public static SafeTensorEntry FromDoubles(string name, long[] shape, ReadOnlySpan<double> values)
        => Create(name, SafeTensorDType.F64, shape, values);

    /// <summary>Creates an I64 entry.</summary>
    /// <param name="name">The tensor name.</param>
    /// <param name="shape">The dimensions; copied.</param>
    /// <param name="values">The elements in row-major order.</param>
    /// <returns>The entry.</returns>
    public static SafeTensorEntry FromInt64s(string name, long[] shape, ReadOnlySpan<long> values)
        => Create(name, SafeTensorDType.I64, shape, values);

    /// <summary>Creates an I32 entry.</summary>
    /// <param name="name">The tensor name.</param>
    /// <param name="shape">The dimensions; copied.</param>
    /// <param name="values">The elements in row-major order.</param>
    /// <returns>The entry.</returns>
    public static SafeTensorEntry FromInt32s(string name, long[] shape, ReadOnlySpan<int> values)
        => Create(name, SafeTensorDType.I32, shape, values);

    /// <summary>The elements of an F32 entry.</summary>
    /// <param name="entry">The entry; its dtype must be F32.</param>
    /// <returns>A new array of the elements.</returns>
    public static float[] ToSingles(SafeTensorEntry entry) => Decode<float>(entry, SafeTensorDType.F32);

    /// <summary>The elements of an F64 entry.</summary>
    /// <param name="entry">The entry; its dtype must be F64.</param>
    /// <returns>A new array of the elements.</returns>
    public static double[] ToDoubles(SafeTensorEntry entry) => Decode<double>(entry, SafeTensorDType.F64);

    /// <summary>The elements of an I64 entry.</summary>
    /// <param name="entry">The entry; its dtype must be I64.</param>
    /// <returns>A new array of the elements.</returns>
    public static long[] ToInt64s(SafeTensorEntry entry) => Decode<long>(entry, SafeTensorDType.I64);

    /// <summary>The elements of an I32 entry.</summary>
    /// <param name="entry">The entry; its dtype must be I32.</param>
    /// <returns>A new array of the elements.</returns>
    public static int[] ToInt32s(SafeTensorEntry entry) => Decode<int>(entry, SafeTensorDType.I32);

    private static SafeTensorEntry Create<T>(string name, SafeTensorDType dtype, long[] shape, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        RequireLittleEndian();
        long count = SafeTensorShape.ElementCount(shape);
        if (count != values.Length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' shape {SafeTensorShape.Format(shape)} holds {count} elements, but {values.Length} " +
                    "values were given.",
                nameof(values));
        }

        return new SafeTensorEntry(name, dtype, (long[])shape.Clone(), MemoryMarshal.AsBytes(values).ToArray());
    }

    private static T[] Decode<T>(SafeTensorEntry entry, SafeTensorDType dtype)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(entry);
        RequireLittleEndian();
        if (entry.DType != dtype)
        {
            throw new ArgumentException(
                $"Tensor '{entry.Name}' is {SafeTensorDTypes.GetName(entry.DType)}, not " +
                    $"{SafeTensorDTypes.GetName(dtype)}.", nameof(entry));
        }

        return MemoryMarshal.Cast<byte, T>(entry.Data).ToArray();
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Typed safetensors conversion requires a little-endian machine.");
        }
    }
}
