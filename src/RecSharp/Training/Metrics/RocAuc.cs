namespace RecSharp.Training.Metrics;

/// <summary>
/// Exact area under the ROC curve via the Mann–Whitney U statistic with midranks for ties.
/// </summary>
internal static class RocAuc
{
    private const string MetricName = "AUC";

    /// <summary>
    /// Computes the AUC in O(n log n): rows are sorted by prediction, tied predictions share the
    /// average of their ranks, and AUC = (sum of positive ranks − P(P+1)/2) / (P·N).
    /// </summary>
    public static double Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask)
    {
        int count = MetricInput.CountIncluded(MetricName, labels, predictions, mask);
        var scores = new double[count];
        var positive = new bool[count];
        long positives = 0;
        int row = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (!MetricInput.TakesPart(MetricName, labels, predictions, mask, i, LabelRule.Binary))
            {
                continue;
            }

            scores[row] = predictions[i];
            positive[row] = labels[i] == 1.0;
            positives += positive[row] ? 1 : 0;
            row++;
        }

        long negatives = count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException(
                $"AUC is undefined when labels contain only one class (all {(positives == 0 ? 0 : 1)}).",
                nameof(labels));
        }

        Array.Sort(scores, positive);
        double positiveRankSum = SumPositiveRanks(scores, positive);
        double u = positiveRankSum - (positives * (positives + 1.0) / 2.0);
        return u / ((double)positives * negatives);
    }

    private static double SumPositiveRanks(double[] sortedScores, bool[] positive)
    {
        double sum = 0;
        int start = 0;
        while (start < sortedScores.Length)
        {
            int end = start;
            int positivesInGroup = 0;
            while (end < sortedScores.Length && sortedScores[end] == sortedScores[start])
            {
                positivesInGroup += positive[end] ? 1 : 0;
                end++;
            }

            // Ranks are 1-based: the group holds ranks start+1 .. end, whose average is (start + 1 + end) / 2.
            double midrank = (start + 1 + end) / 2.0;
            sum += midrank * positivesInGroup;
            start = end;
        }

        return sum;
    }
}
