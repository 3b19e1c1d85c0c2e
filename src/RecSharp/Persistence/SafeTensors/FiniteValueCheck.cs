using System.Buffers.Binary;
using static RecSharp.Persistence.SafeTensors.SafeTensorsText;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Rejects NaN and infinite elements in floating-point tensors.
/// </summary>
internal static class FiniteValueCheck
{
    /// <summary>Throws for the first non-finite element of a floating-point tensor; other dtypes pass.</summary>
    public static void Check(SafeTensorEntry entry)
    {
        ReadOnlySpan<byte> data = entry.Data;
        switch (entry.DType)
        {
            case SafeTensorDType.F32:
                for (int i = 0; i < data.Length / 4; i++)
                {
                    Require(entry, i, BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]));
                }

                break;
            case SafeTensorDType.F64:
                for (int i = 0; i < data.Length / 8; i++)
                {
                    Require(entry, i, BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]));
                }

                break;
            case SafeTensorDType.F16:
                for (int i = 0; i < data.Length / 2; i++)
                {
                    Require(entry, i, (double)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..]));
                }

                break;
            case SafeTensorDType.BF16:
                for (int i = 0; i < data.Length / 2; i++)
                {
                    // A bfloat16 is the upper 16 bits of a float32.
                    int bits = BinaryPrimitives.ReadUInt16LittleEndian(data[(i * 2)..]) << 16;
                    Require(entry, i, BitConverter.Int32BitsToSingle(bits));
                }

                break;
        }
    }

    private static void Require(SafeTensorEntry entry, int index, double value)
    {
        if (double.IsFinite(value))
        {
            return;
        }

        string what = double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";
        throw Fail($"Tensor {Quote(entry.Name)} ({SafeTensorDTypes.GetName(entry.DType)}) element {index} is {what}; "
            + "non-finite values are rejected (SafeTensorsReadOptions.RequireFiniteFloats).");
    }
}
