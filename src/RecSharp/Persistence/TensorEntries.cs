using RecSharp.Persistence.SafeTensors;
using static TorchSharp.torch;

namespace RecSharp.Persistence;

/// <summary>Conversions between TorchSharp tensors and safetensors entries (little-endian, row-major).</summary>
internal static class TensorEntries
{
    /// <summary>The entry of a tensor, copied to the CPU.</summary>
    public static SafeTensorEntry FromTensor(string name, Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        long[] shape = cpu.shape;
        return cpu.dtype switch
        {
            ScalarType.Float32 => SafeTensorValues.FromSingles(name, shape, cpu.data<float>().ToArray()),
            ScalarType.Float64 => SafeTensorValues.FromDoubles(name, shape, cpu.data<double>().ToArray()),
            ScalarType.Int64 => SafeTensorValues.FromInt64s(name, shape, cpu.data<long>().ToArray()),
            ScalarType.Int32 => SafeTensorValues.FromInt32s(name, shape, cpu.data<int>().ToArray()),
            var other => throw new NotSupportedException(
                $"tensor \"{name}\" has dtype {other}, which the model format does not store"),
        };
    }

    /// <summary>A new CPU tensor holding an entry's values.</summary>
    public static Tensor ToTensor(SafeTensorEntry entry) => entry.DType switch
    {
        SafeTensorDType.F32 => tensor(SafeTensorValues.ToSingles(entry)).reshape(entry.Shape),
        SafeTensorDType.F64 => tensor(SafeTensorValues.ToDoubles(entry)).reshape(entry.Shape),
        SafeTensorDType.I64 => tensor(SafeTensorValues.ToInt64s(entry)).reshape(entry.Shape),
        SafeTensorDType.I32 => tensor(SafeTensorValues.ToInt32s(entry)).reshape(entry.Shape),
        var other => throw new SafeTensorsFormatException(
            $"tensor \"{entry.Name}\" has dtype {other}, which RecSharp models do not use"),
    };
}
