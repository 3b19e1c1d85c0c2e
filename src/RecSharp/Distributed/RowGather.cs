using System.Runtime.CompilerServices;

namespace RecSharp.Distributed;

/// <summary>Collects every rank's rows of a <c>(rows, columns)</c> array on every rank, in rank order.</summary>
internal static class RowGather
{
    /// <summary>The rows of every rank, rank 0's first.</summary>
    public static T[,] Gather<T>(IProcessGroup group, T[,] rows) where T : unmanaged
    {
        int columns = rows.GetLength(1);
        var parts = group.AllGather(ToBytes(rows));
        long bytes = parts.Sum(p => (long)p.Length);
        var result = new T[bytes / (Math.Max(1, columns) * Unsafe.SizeOf<T>()), columns];
        CopyInOrder(parts, result);
        return result;
    }

    /// <summary>The values of every rank (one per row), rank 0's first.</summary>
    public static T[] Gather<T>(IProcessGroup group, T[] values) where T : unmanaged
    {
        var parts = group.AllGather(ToBytes(values));
        var result = new T[parts.Sum(p => (long)p.Length) / Unsafe.SizeOf<T>()];
        CopyInOrder(parts, result);
        return result;
    }

    /// <summary>The bytes of an array of a primitive type, in memory order.</summary>
    public static byte[] ToBytes(Array values)
    {
        var bytes = new byte[Buffer.ByteLength(values)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    // Copies the parts one after another into the memory of the result.
    private static void CopyInOrder(IEnumerable<byte[]> parts, Array result)
    {
        long offset = 0;
        foreach (var part in parts)
        {
            Buffer.BlockCopy(part, 0, result, (int)offset, part.Length);
            offset += part.Length;
        }
    }
}
