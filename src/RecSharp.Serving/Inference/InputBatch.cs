namespace RecSharp.Serving.Inference;

/// <summary>Joins the model inputs of several requests into one batch, rows in the order given.</summary>
internal static class InputBatch
{
    /// <summary>
    /// Per input, the arrays of <paramref name="parts"/> one after the other: 1-D arrays (ids, dense values) end to
    /// end, 2-D arrays <c>[rows, width]</c> (sequences) row block after row block.
    /// </summary>
    public static IReadOnlyDictionary<string, Array> Concatenate(
        IReadOnlyList<IReadOnlyDictionary<string, Array>> parts)
    {
        if (parts.Count == 1) return parts[0];
        var joined = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (string name in parts[0].Keys)
        {
            var arrays = parts.Select(p => p[name]).ToArray();
            joined[name] = arrays[0].Rank == 1 ? Vectors(arrays) : Matrices(arrays);
        }
        return joined;
    }

    private static Array Vectors(Array[] arrays)
    {
        var result = Array.CreateInstance(arrays[0].GetType().GetElementType()!, arrays.Sum(a => a.Length));
        int offset = 0;
        foreach (var array in arrays)
        {
            Array.Copy(array, 0, result, offset, array.Length);
            offset += array.Length;
        }
        return result;
    }

    // Rectangular arrays of primitives are one block of memory, row after row: they join as bytes.
    private static Array Matrices(Array[] arrays)
    {
        int width = arrays[0].GetLength(1);
        var type = arrays[0].GetType().GetElementType()!;
        var result = Array.CreateInstance(type, arrays.Sum(a => a.GetLength(0)), width);
        int offset = 0;
        foreach (var array in arrays)
        {
            int bytes = Buffer.ByteLength(array);
            Buffer.BlockCopy(array, 0, result, offset, bytes);
            offset += bytes;
        }
        return result;
    }
}
