using System.Globalization;
using RecSharp.Features;
using static TorchSharp.torch;

namespace RecSharp.Inputs;

/// <summary>
/// Turns user data — a dictionary from input name to array — into <see cref="TensorInputs"/>, validating every
/// value first. Accepted arrays per input kind:
/// <list type="bullet">
/// <item>sparse ids: 1-D <c>int</c>/<c>long</c> (or integral <c>float</c>/<c>double</c>); hashed features also
/// <c>string</c>;</item>
/// <item>dense values: 1-D numbers for dimension 1, 2-D <c>[rows, dimension]</c> otherwise;</item>
/// <item>sequences: 2-D <c>[rows, width ≤ maxLen]</c> ids (right-padded with 0), or jagged
/// <c>int[][]</c>/<c>long[][]</c>/<c>string[][]</c>;</item>
/// <item>sequence lengths: 1-D integers in <c>[0, maxLen]</c>; sequence weights: 2-D numbers <c>[rows, width ≤
/// maxLen]</c>.</item>
/// </list>
/// Any problem raises an <see cref="InputValidationException"/> naming the input, the row and the value.
/// </summary>
internal static class InputConverter
{
    /// <summary>Validates <paramref name="inputs"/> against <paramref name="layout"/> and converts them to CPU
    /// tensors.</summary>
    public static TensorInputs ToTensors(FeatureLayout layout, IReadOnlyDictionary<string, Array> inputs)
    {
        var buffers = Read(layout, inputs, out long rows);
        // Every value is valid: only now do tensors get made.
        var tensors = new Dictionary<string, Tensor>(buffers.Length, StringComparer.Ordinal);
        foreach (var (slot, buffer) in buffers)
        {
            tensors[slot.Name] = buffer switch
            {
                long[] ids when slot.Kind == InputSlotKind.SequenceIds =>
                    tensor(ids, [rows, slot.Width], ScalarType.Int64),
                long[] ids => tensor(ids, ScalarType.Int64),
                _ => tensor((float[])buffer, [rows, slot.Width], ScalarType.Float32),
            };
        }
        return new TensorInputs(layout, tensors, rows);
    }

    /// <summary>
    /// Validates <paramref name="inputs"/> against <paramref name="layout"/>, as <see cref="ToTensors"/> does, and
    /// converts them to two CPU tensors (see <see cref="PackedInputs"/>); the layout must have no sequences.
    /// </summary>
    public static PackedInputs ToPacked(FeatureLayout layout, IReadOnlyDictionary<string, Array> inputs)
    {
        if (!PackedInputs.Supports(layout))
            throw new InvalidOperationException("inputs with sequence columns cannot be packed");
        var buffers = Read(layout, inputs, out long rows);
        int sparse = layout.SparseColumns.Count;
        int denseWidth = layout.DenseColumns.Sum(c => c.Dimension);
        var ids = new long[rows * sparse];
        var values = new float[rows * denseWidth];
        int idColumn = 0, valueColumn = 0;
        foreach (var (slot, buffer) in buffers)
        {
            if (buffer is long[] column)
            {
                for (long row = 0; row < rows; row++) ids[row * sparse + idColumn] = column[row];
                idColumn++;
                continue;
            }
            var block = (float[])buffer;                                                     // (rows, slot width)
            for (long row = 0; row < rows; row++)
                Array.Copy(block, row * slot.Width, values, row * denseWidth + valueColumn, slot.Width);
            valueColumn += slot.Width;
        }
        return new PackedInputs(tensor(ids, [rows, sparse], ScalarType.Int64),
            tensor(values, [rows, denseWidth], ScalarType.Float32), rows);
    }

    // Every input, validated, read into a flat row-major buffer in slot order: long[] ids and lengths, float[] values
    // and weights. Nothing is a tensor yet.
    private static (InputSlot Slot, Array Buffer)[] Read(FeatureLayout layout,
        IReadOnlyDictionary<string, Array> inputs, out long rows)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(inputs);
        rows = CountRows(layout, inputs);
        var buffers = new (InputSlot, Array)[layout.Slots.Count];
        for (int i = 0; i < buffers.Length; i++)
        {
            var slot = layout.Slots[i];
            Array array = inputs[slot.Name];
            buffers[i] = (slot, slot.Kind switch
            {
                InputSlotKind.SparseIds => SparseIds(slot.Name, (SparseFeat)slot.Column, array),
                InputSlotKind.DenseValues => DenseValues(slot.Name, array, slot.Width, slot.Width),
                InputSlotKind.SequenceIds => SequenceIds(slot.Name, (VarLenSparseFeat)slot.Column, array),
                InputSlotKind.SequenceLength => SequenceLengths(slot.Name, (VarLenSparseFeat)slot.Column, array),
                _ => DenseValues(slot.Name, array, slot.Width, 1),
            });
        }
        return buffers;
    }

    /// <summary>Checks that every input is present and that all have the same number of rows; returns that
    /// number.</summary>
    public static long CountRows(FeatureLayout layout, IReadOnlyDictionary<string, Array> inputs)
    {
        long? rows = null;
        string? first = null;
        foreach (var slot in layout.Slots)
        {
            if (!inputs.TryGetValue(slot.Name, out var array) || array is null)
                throw new InputValidationException($"input is missing feature \"{slot.Name}\"", slot.Name);
            long count = array.GetLength(0);
            if (rows is null)
            {
                rows = count;
                first = slot.Name;
            }
            else if (count != rows)
            {
                throw new InputValidationException(
                    $"feature \"{slot.Name}\" has {count} rows but \"{first}\" has {rows}", slot.Name);
            }
        }
        return rows ?? 0;
    }

    private static long[] SparseIds(string name, SparseFeat feature, Array array)
    {
        RequireRank(name, array, 1);
        var ids = new long[array.Length];
        int vocabulary = feature.VocabularySize;
        // Typed loops for the usual arrays (no boxing); a value out of range goes through Id, which names it.
        switch (array)
        {
            case int[] ints when !feature.UseHash:
                for (int row = 0; row < ids.Length; row++)
                {
                    ids[row] = (uint)ints[row] < (uint)vocabulary ? ints[row]
                        : Id(name, vocabulary, false, ints[row], row, firstBucket: 0);
                }
                return ids;
            case long[] longs when !feature.UseHash:
                for (int row = 0; row < ids.Length; row++)
                {
                    ids[row] = (ulong)longs[row] < (ulong)vocabulary ? longs[row]
                        : Id(name, vocabulary, false, longs[row], row, firstBucket: 0);
                }
                return ids;
        }
        for (int row = 0; row < ids.Length; row++)
            ids[row] = Id(name, vocabulary, feature.UseHash, array.GetValue(row), row, firstBucket: 0);
        return ids;
    }

    private static long[] SequenceIds(string name, VarLenSparseFeat feature, Array array)
    {
        int maxLen = feature.MaxLen;
        if (array is Array[] jagged)
        {
            var ids = new long[jagged.Length * maxLen];
            for (int row = 0; row < jagged.Length; row++)
            {
                Array items = jagged[row] ?? Array.Empty<int>();
                if (items.Length > maxLen)
                {
                    throw new InputValidationException(
                        $"feature \"{name}\", row {row}: the sequence holds {items.Length} ids but maxLen is {maxLen}",
                        name, row, items.Length);
                }
                for (int k = 0; k < items.Length; k++)
                    ids[row * maxLen + k] = SequenceId(name, feature, items.GetValue(k), row);
            }
            return ids;
        }
        RequireRank(name, array, 2);
        int rows = array.GetLength(0), width = array.GetLength(1);
        var result = new long[rows * maxLen];
        for (int row = 0; row < rows; row++)
        {
            for (int k = 0; k < width; k++)
            {
                long id = SequenceId(name, feature, array.GetValue(row, k), row);
                if (k >= maxLen)
                {
                    if (id != 0)
                    {
                        throw new InputValidationException(
                            $"feature \"{name}\", row {row}: id {id} at position {k} lies beyond maxLen {maxLen} " +
                                $"(the input is {width} wide)", name, row, id);
                    }
                    continue;
                }
                result[row * maxLen + k] = id;
            }
        }
        return result;
    }

    // Hashed sequences keep 0 for padding (null, empty strings and the integer 0) and hash real values into [1,
    // vocabularySize).
    private static long SequenceId(string name, VarLenSparseFeat feature, object? value, int row)
    {
        if (feature.UseHash && value is null or string { Length: 0 } or 0 or 0L) return 0;
        return Id(name, feature.VocabularySize, feature.UseHash, value, row, firstBucket: feature.UseHash ? 1 : 0);
    }

    private static long Id(string name, int vocabularySize, bool useHash, object? value, int row, int firstBucket)
    {
        if (useHash)
        {
            int buckets = Math.Max(1, vocabularySize - firstBucket);
            return firstBucket + value switch
            {
                string s => FeatureHasher.Bucket(s, buckets),
                int i => FeatureHasher.Bucket(i, buckets),
                long l => FeatureHasher.Bucket(l, buckets),
                _ => throw new InputValidationException(
                    $"feature \"{name}\", row {row}: hashed values must be strings or integers, got {Describe(value)}",
                    name, row, value),
            };
        }
        long id = value switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            float f when IsIntegral(f) => (long)f,
            double d when IsIntegral(d) => (long)d,
            _ => throw new InputValidationException(
                $"feature \"{name}\", row {row}: {Describe(value)} is not an integer id", name, row, value),
        };
        if (id < 0 || id >= vocabularySize)
        {
            throw new InputValidationException(
                $"feature \"{name}\", row {row}: id {id} is outside [0, {vocabularySize})", name, row, id);
        }
        return id;
    }

    private static long[] SequenceLengths(string name, VarLenSparseFeat feature, Array array)
    {
        RequireRank(name, array, 1);
        var lengths = new long[array.Length];
        for (int row = 0; row < lengths.Length; row++)
        {
            long length = Id(name, feature.MaxLen + 1, false, array.GetValue(row), row, 0);
            lengths[row] = length;
        }
        return lengths;
    }

    // Reads numbers into a row-major (rows, width) float buffer. A 1-D array is accepted for width 1; a 2-D array
    // may be narrower than width (right-padded with 0) down to minWidth.
    private static float[] DenseValues(string name, Array array, int width, int minWidth)
    {
        int rows = array.GetLength(0);
        var values = new float[rows * width];
        if (array.Rank == 1)
        {
            if (width != 1)
            {
                throw new InputValidationException(
                    $"feature \"{name}\" needs a 2-D array [rows, {width}], got a 1-D array", name);
            }
            // Typed loops for the usual arrays (no boxing); a value that is not finite goes through Number, which names
            // it.
            switch (array)
            {
                case float[] floats:
                    for (int row = 0; row < rows; row++)
                        values[row] = float.IsFinite(floats[row]) ? floats[row] : Number(name, floats[row], row);
                    return values;
                case double[] doubles:
                    for (int row = 0; row < rows; row++)
                    {
                        values[row] = float.IsFinite((float)doubles[row]) ? (float)doubles[row]
                            : Number(name, doubles[row], row);
                    }
                    return values;
            }
            for (int row = 0; row < rows; row++)
                values[row] = Number(name, array.GetValue(row), row);
            return values;
        }
        RequireRank(name, array, 2);
        int given = array.GetLength(1);
        if (given > width || given < minWidth)
        {
            throw new InputValidationException(
                $"feature \"{name}\" is {given} wide but must be " +
                    $"{(minWidth == width ? width.ToString(CultureInfo.InvariantCulture) : $"at most {width}")}", name,
                    null, given);
        }
        for (int row = 0; row < rows; row++)
        {
            for (int k = 0; k < given; k++)
                values[row * width + k] = Number(name, array.GetValue(row, k), row);
        }
        return values;
    }

    private static float Number(string name, object? value, int row)
    {
        double number = value switch
        {
            float f => f,
            double d => d,
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            _ => throw new InputValidationException(
                $"feature \"{name}\", row {row}: {Describe(value)} is not a number", name, row, value),
        };
        if (!double.IsFinite(number) || !float.IsFinite((float)number))
        {
            throw new InputValidationException(
                $"feature \"{name}\", row {row}: value {number.ToString(CultureInfo.InvariantCulture)} is not finite",
                name, row, number);
        }
        return (float)number;
    }

    private static void RequireRank(string name, Array array, int rank)
    {
        if (array.Rank != rank)
            throw new InputValidationException($"feature \"{name}\" needs a {rank}-D array, got {array.Rank}-D", name);
    }

    private static bool IsIntegral(double d) => double.IsFinite(d) && Math.Floor(d) == d;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => value.GetType().Name,
    };
}
