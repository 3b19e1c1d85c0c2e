using RecSharp.Data.Randomness;

namespace RecSharp.Data.Tables;

/// <summary>
/// A seeded, deterministic train/test partition of row indices: rows are permuted with PCG32 seeded by
/// <c>seed</c>, the first ⌈rows × testFraction⌉ permuted rows form the test set and the rest the training set,
/// each kept in permuted order. The same (rowCount, testFraction, seed) always gives the same partition, so a raw
/// table and the columnar table made from it split identically.
/// </summary>
public static class ShuffleSplit
{
    /// <summary>Partitions <c>0..rowCount-1</c> into shuffled training and test indices.</summary>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="testFraction">The test share, in [0, 1).</param>
    /// <param name="seed">The shuffle seed.</param>
    public static (int[] Train, int[] Test) Indices(int rowCount, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (testFraction is < 0 or >= 1 || double.IsNaN(testFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
            "The test fraction must be in [0, 1).");
        }

        var order = Enumerable.Range(0, rowCount).ToArray();
        new Pcg32(seed).Shuffle(order);
        var testCount = Math.Min(rowCount, (int)Math.Ceiling((rowCount * testFraction) - 1e-9));
        return (order[testCount..], order[..testCount]);
    }
}
