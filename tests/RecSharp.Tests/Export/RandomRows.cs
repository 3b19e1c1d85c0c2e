using RecSharp.Features;

namespace RecSharp.Tests.Export;

/// <summary>
/// Random rows for any layout, as <c>Predict</c> takes them: ids within each vocabulary (strings for hashed features),
/// dense values around 0, sequences of every length from 0 to maxLen (with a length input, ids also after the length,
/// where they must be ignored), positive sequence weights.
/// </summary>
public static class RandomRows
{
    /// <summary>
    /// <paramref name="rows"/> rows, a pure function of the layout, the count and <paramref name="seed"/>.
    /// </summary>
    public static Dictionary<string, Array> For(FeatureLayout layout, int rows, int seed = 11)
    {
        var random = new Random(seed);
        var result = new Dictionary<string, Array>(StringComparer.Ordinal);
        var lengths = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var slot in layout.Slots)
        {
            result[slot.Name] = slot.Kind switch
            {
                InputSlotKind.SparseIds => SparseIds(random, (SparseFeat)slot.Column, rows),
                InputSlotKind.DenseValues => Numbers(random, rows, slot.Width, v => v * 2 - 1),
                InputSlotKind.SequenceIds => SequenceIds(random, (VarLenSparseFeat)slot.Column, rows, lengths),
                InputSlotKind.SequenceLength => lengths[slot.Column.Name],
                _ => Numbers(random, rows, slot.Width, v => v * 2),
            };
        }
        return result;
    }

    private static Array SparseIds(Random random, SparseFeat feature, int rows) => feature.UseHash
        ? Enumerable.Range(0, rows).Select(_ => $"value-{random.Next(1000)}").ToArray()
        : Enumerable.Range(0, rows).Select(_ => random.Next(feature.VocabularySize)).ToArray();

    private static Array Numbers(Random random, int rows, int width, Func<double, double> scale)
    {
        if (width == 1) return Enumerable.Range(0, rows).Select(_ => scale(random.NextDouble())).ToArray();
        var values = new float[rows, width];
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < width; k++) values[i, k] = (float)scale(random.NextDouble());
        return values;
    }

    private static Array SequenceIds(Random random, VarLenSparseFeat feature, int rows,
        Dictionary<string, int[]> lengths)
    {
        var length = Enumerable.Range(0, rows).Select(_ => random.Next(feature.MaxLen + 1)).ToArray();
        lengths[feature.Name] = length;
        bool byLength = feature.LengthName is not null;
        int vocabulary = feature.VocabularySize;
        if (feature.UseHash)
        {
            var values = new string?[rows, feature.MaxLen];
            for (int i = 0; i < rows; i++)
            {
                for (int k = 0; k < (byLength ? feature.MaxLen : length[i]); k++)
                    values[i, k] = $"value-{random.Next(1000)}";
            }
            return values;
        }
        var ids = new long[rows, feature.MaxLen];
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < (byLength ? feature.MaxLen : length[i]); k++)
                ids[i, k] = byLength ? random.Next(vocabulary) : 1 + random.Next(vocabulary - 1);
        }
        return ids;
    }
}
