namespace RecSharp.Data.Preprocessing.Fitting;

/// <summary>
/// The count, range, mean and sum of squared deviations of a numeric column, gathered chunk by chunk: each chunk's
/// mean and deviations are computed over the chunk (two passes), and chunks are combined with the pairwise update of
/// Chan, Golub and LeVeque (1979), so a stream of any length keeps five numbers and one chunk gives the two-pass
/// values.
/// </summary>
public sealed class DenseStatistics
{
    /// <summary>The number of values.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value (0 when there are none).</summary>
    public double Min { get; private set; }

    /// <summary>The largest value (0 when there are none).</summary>
    public double Max { get; private set; }

    /// <summary>The mean (0 when there are none).</summary>
    public double Mean { get; private set; }

    /// <summary>The population variance (0 when there are none).</summary>
    public double Variance => Count > 0 ? squaredDeviations / Count : 0;

    private double squaredDeviations;

    /// <summary>Adds a chunk of values.</summary>
    /// <param name="values">The values, none missing.</param>
    public void Add(double[] values)
    {
        if (values.Length == 0)
        {
            return;
        }

        var mean = values.Average();
        var deviations = values.Sum(v => (v - mean) * (v - mean));
        if (Count == 0)
        {
            (Count, Min, Max, Mean, squaredDeviations) = (values.Length, values.Min(), values.Max(), mean, deviations);
            return;
        }

        var total = Count + values.Length;
        var delta = mean - Mean;
        Mean += delta * values.Length / total;
        squaredDeviations += deviations + (delta * delta * Count * values.Length / total);
        Min = Math.Min(Min, values.Min());
        Max = Math.Max(Max, values.Max());
        Count = total;
    }
}
