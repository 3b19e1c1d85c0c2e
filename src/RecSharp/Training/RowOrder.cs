namespace RecSharp.Training;

/// <summary>
/// The order rows are visited in an epoch: as stored, or a Fisher–Yates shuffle driven by <see cref="Random"/>
/// seeded with <c>seed + epoch</c>, so every epoch's order is reproducible from the seed alone.
/// </summary>
internal static class RowOrder
{
    /// <summary>The row order of <paramref name="epoch"/>.</summary>
    public static long[] ForEpoch(long rows, bool shuffle, int seed, int epoch)
    {
        var order = new long[rows];
        for (long i = 0; i < rows; i++) order[i] = i;
        if (shuffle) Shuffle(order, new Random(unchecked(seed + epoch)));
        return order;
    }

    /// <summary>Shuffles <paramref name="order"/> in place (Fisher–Yates, from the last element down).</summary>
    internal static void Shuffle(long[] order, Random random)
    {
        for (long i = order.LongLength - 1; i > 0; i--)
        {
            long j = random.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
