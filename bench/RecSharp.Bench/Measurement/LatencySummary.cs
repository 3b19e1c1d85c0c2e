namespace RecSharp.Bench.Measurement;

/// <summary>Percentiles of call durations, in milliseconds (nearest-rank percentiles).</summary>
/// <param name="Calls">Number of timed calls.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MeanMs">Mean.</param>
/// <param name="MaxMs">Slowest call.</param>
internal sealed record LatencySummary(int Calls, double P50Ms, double P99Ms, double MeanMs, double MaxMs)
{
    /// <summary>Summarises <paramref name="milliseconds"/> (one duration per call; not modified).</summary>
    public static LatencySummary From(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0) throw new ArgumentException("no calls were timed", nameof(milliseconds));
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 99), sorted.Average(),
            sorted[^1]);
    }

    /// <summary>The nearest-rank percentile of ascending <paramref name="sorted"/>: the smallest value with at least
    /// <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        if (percent is <= 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "percent must be in (0, 100]");
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
