namespace RecSharp.Training.Metrics;

/// <summary>
/// Evaluation metrics over paired labels and predictions. Each function takes an optional mask:
/// an empty mask (the default) includes every row; otherwise it must have one entry per row and
/// rows whose entry is <see langword="false"/> are left out. Every function throws
/// <see cref="ArgumentException"/> when the lengths differ, when no row is included, or when an
/// included value is NaN or infinite.
/// </summary>
internal static class EvaluationMetrics
{
    /// <summary>The clipping bound for <see cref="LogLoss"/>: predictions are clipped to [ε, 1 − ε].</summary>
    public const double LogLossEpsilon = 1e-7;

    /// <summary>The threshold for <see cref="Accuracy"/>: a prediction at or above it counts as class 1.</summary>
    public const double AccuracyThreshold = 0.5;

    /// <summary>
    /// The exact area under the ROC curve, equal to scikit-learn's <c>roc_auc_score</c>: tied
    /// predictions receive the average of their ranks (Mann–Whitney U with midranks). O(n log n).
    /// </summary>
    /// <param name="labels">The true labels; each included label must be exactly 0 or 1.</param>
    /// <param name="predictions">The scores; higher means more likely positive.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The AUC, in [0, 1].</returns>
    /// <exception cref="ArgumentException">
    /// The included labels contain only one class, so the AUC is undefined; or the inputs are invalid.
    /// </exception>
    public static double Auc(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask = default)
        => RocAuc.Compute(labels, predictions, mask);

    /// <summary>
    /// The mean binary cross-entropy −[y·log p + (1 − y)·log(1 − p)], with p clipped to
    /// [<see cref="LogLossEpsilon"/>, 1 − <see cref="LogLossEpsilon"/>] so that predictions of exactly
    /// 0 or 1 give finite values.
    /// </summary>
    /// <param name="labels">The true labels, each in [0, 1] (soft labels are allowed).</param>
    /// <param name="predictions">The predicted probabilities.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The mean log loss.</returns>
    public static double LogLoss(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask = default)
        => MeanOf("log loss", labels, predictions, mask, LabelRule.Probability, static (y, prediction) =>
        {
            double p = Math.Clamp(prediction, LogLossEpsilon, 1.0 - LogLossEpsilon);
            return -((y * Math.Log(p)) + ((1.0 - y) * Math.Log(1.0 - p)));
        });

    /// <summary>The mean squared error, mean of (y − p)².</summary>
    /// <param name="labels">The true values.</param>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The mean squared error.</returns>
    public static double MeanSquaredError(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask = default)
        => MeanOf("MSE", labels, predictions, mask, LabelRule.Finite, static (y, p) => (y - p) * (y - p));

    /// <summary>The root of the mean squared error.</summary>
    /// <param name="labels">The true values.</param>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The root mean squared error.</returns>
    public static double RootMeanSquaredError(
        ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask = default)
        => Math.Sqrt(MeanOf("RMSE", labels, predictions, mask, LabelRule.Finite, static (y, p) => (y - p) * (y - p)));

    /// <summary>
    /// Group AUC (GAUC): the AUC of each group's rows (a group is typically a user), averaged over the groups with
    /// weights equal to their row counts. Groups whose included labels are all 0 or all 1 have no AUC and are left out,
    /// weight included. It measures how well each user's items are ordered, which is what a recommender serves; a
    /// global AUC also rewards telling active users from inactive ones.
    /// </summary>
    /// <param name="labels">The true labels; each included label must be exactly 0 or 1.</param>
    /// <param name="predictions">The scores; higher means more likely positive.</param>
    /// <param name="groups">Each row's group key.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The row-weighted mean of the groups' AUCs, in [0, 1].</returns>
    /// <exception cref="ArgumentException">
    /// No group has both labels, so GAUC is undefined; or the inputs are invalid.
    /// </exception>
    public static double GroupAuc(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<long> groups, ReadOnlySpan<bool> mask = default)
    {
        const string name = "GAUC";
        int count = MetricInput.CountIncluded(name, labels, predictions, mask);
        if (groups.Length != labels.Length)
        {
            throw new ArgumentException(
                $"{name}: groups has {groups.Length} rows but labels has {labels.Length}.", nameof(groups));
        }

        var rows = new int[count];
        var keys = new long[count];
        for (int i = 0, k = 0; i < labels.Length; i++)
        {
            if (MetricInput.TakesPart(name, labels, predictions, mask, i, LabelRule.Binary))
            {
                (rows[k], keys[k]) = (i, groups[i]);
                k++;
            }
        }

        Array.Sort(keys, rows);
        double weightedSum = 0;
        long weight = 0;
        for (int start = 0, end; start < count; start = end)
        {
            for (end = start; end < count && keys[end] == keys[start]; end++)
            {
            }

            var y = new double[end - start];
            var p = new double[end - start];
            for (int r = start; r < end; r++) (y[r - start], p[r - start]) = (labels[rows[r]], predictions[rows[r]]);
            int positives = y.Count(v => v == 1.0);
            if (positives > 0 && positives < y.Length)
            {
                weightedSum += y.Length * RocAuc.Compute(y, p, default);
                weight += y.Length;
            }
        }

        return weight > 0
            ? weightedSum / weight
            : throw new ArgumentException(
                $"{name} is undefined when no group has both labels (each group's labels are all 0 or all 1).",
                nameof(labels));
    }

    /// <summary>The mean absolute error, mean of |y − p|.</summary>
    /// <param name="labels">The true values.</param>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The mean absolute error.</returns>
    public static double MeanAbsoluteError(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask = default)
        => MeanOf("MAE", labels, predictions, mask, LabelRule.Finite, static (y, p) => Math.Abs(y - p));

    /// <summary>
    /// The fraction of rows whose thresholded prediction equals the label. A prediction
    /// p ≥ <see cref="AccuracyThreshold"/> counts as 1, anything below as 0 (so exactly 0.5 is class 1).
    /// </summary>
    /// <param name="labels">The true labels; each included label must be exactly 0 or 1.</param>
    /// <param name="predictions">The predicted probabilities.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The accuracy, in [0, 1].</returns>
    public static double Accuracy(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask = default)
        => MeanOf("accuracy", labels, predictions, mask, LabelRule.Binary,
            static (y, p) => (p >= AccuracyThreshold ? 1.0 : 0.0) == y ? 1.0 : 0.0);

    // The mean over the rows that take part of term(label, prediction), each row checked as rule says.
    private static double MeanOf(string name, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask, LabelRule rule, Func<double, double, double> term)
    {
        int count = MetricInput.CountIncluded(name, labels, predictions, mask);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (MetricInput.TakesPart(name, labels, predictions, mask, i, rule))
            {
                sum += term(labels[i], predictions[i]);
            }
        }

        return sum / count;
    }
}
