namespace RecSharp.Data.Tests.Support;

/// <summary>Small reference statistics for checking generated data.</summary>
internal static class Statistics
{
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var meanA = a.Average();
        var meanB = b.Average();
        double cov = 0, varA = 0, varB = 0;
        for (var i = 0; i < a.Count; i++)
        {
            cov += (a[i] - meanA) * (b[i] - meanB);
            varA += (a[i] - meanA) * (a[i] - meanA);
            varB += (b[i] - meanB) * (b[i] - meanB);
        }

        return cov / Math.Sqrt(varA * varB);
    }

    /// <summary>The probability that a random positive scores above a random negative (ties count half).</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        var positives = scores.Where((_, i) => labels[i] > 0.5).ToArray();
        var negatives = scores.Where((_, i) => labels[i] <= 0.5).OrderBy(s => s).ToArray();
        double wins = 0;
        foreach (var p in positives)
        {
            var below = LowerBound(negatives, p);
            var notAbove = UpperBound(negatives, p);
            wins += below + (0.5 * (notAbove - below));
        }

        return wins / ((double)positives.Length * negatives.Length);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value) { lo = mid + 1; } else { hi = mid; }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; }
        }

        return lo;
    }
}
