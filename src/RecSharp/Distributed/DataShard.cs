namespace RecSharp.Distributed;

/// <summary>How a data-parallel fit splits an in-memory table: rank r of n keeps the rows i with i mod n = r.</summary>
public static class DataShard
{
    /// <summary>
    /// The indices of the rows, of <paramref name="rowCount"/>, that rank <paramref name="rank"/> of
    /// <paramref name="size"/> keeps.
    /// </summary>
    public static int[] Rows(int rowCount, int rank, int size)
    {
        if (size < 1 || rank < 0 || rank >= size)
            throw new ArgumentException($"rank {rank} of {size} ranks is not a rank: ranks run from 0 to size - 1");
        var rows = new int[rowCount <= rank ? 0 : (rowCount - rank + size - 1) / size];
        for (int k = 0; k < rows.Length; k++) rows[k] = rank + k * size;
        return rows;
    }
}
