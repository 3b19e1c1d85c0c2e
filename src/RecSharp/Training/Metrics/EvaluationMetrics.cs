namespace RecSharp.Training.Metrics;

/// <summary>
/// Evaluation metrics over paired labels and predictions. Each function takes an optional mask:
/// an empty mask (the default) includes every row; otherwise it must have one entry per row and
/// rows whose entry is <see langword="false"/> are left out. Every function throws
/// <see cref="ArgumentException"/> when the lengths differ, when no row is included, or when an
/// included value is NaN or infinite.
/// </summary>
public static class EvaluationMetrics
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
    public static double Auc(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask = default)
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
    public static double LogLoss(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask = default)
    {
        const string name = "log loss";
        int count = MetricInput.CountIncluded(name, labels, predictions, mask);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (!MetricInput.IsIncluded(mask, i))
            {
                continue;
            }

            double y = labels[i];
            if (!(y >= 0.0 && y <= 1.0))
            {
                throw new ArgumentException(
                    $"{name}: labels[{i}] is {MetricInput.Format(y)}; labels must lie in [0, 1].", nameof(labels));
            }

            MetricInput.RequireFinite(name, nameof(predictions), predictions[i], i);
            double p = Math.Clamp(predictions[i], LogLossEpsilon, 1.0 - LogLossEpsilon);
            sum -= (y * Math.Log(p)) + ((1.0 - y) * Math.Log(1.0 - p));
        }

        return sum / count;
    }

    /// <summary>The mean squared error, mean of (y − p)².</summary>
    /// <param name="labels">The true values.</param>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The mean squared error.</returns>
    public static double MeanSquaredError(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask = default)
        => MeanOf("MSE", labels, predictions, mask, static d => d * d);

    /// <summary>The mean absolute error, mean of |y − p|.</summary>
    /// <param name="labels">The true values.</param>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The mean absolute error.</returns>
    public static double MeanAbsoluteError(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask = default)
        => MeanOf("MAE", labels, predictions, mask, Math.Abs);

    /// <summary>
    /// The fraction of rows whose thresholded prediction equals the label. A prediction
    /// p ≥ <see cref="AccuracyThreshold"/> counts as 1, anything below as 0 (so exactly 0.5 is class 1).
    /// </summary>
    /// <param name="labels">The true labels; each included label must be exactly 0 or 1.</param>
    /// <param name="predictions">The predicted probabilities.</param>
    /// <param name="mask">Which rows take part; empty includes every row.</param>
    /// <returns>The accuracy, in [0, 1].</returns>
    public static double Accuracy(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask = default)
    {
        const string name = "accuracy";
        int count = MetricInput.CountIncluded(name, labels, predictions, mask);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (!MetricInput.IsIncluded(mask, i))
            {
                continue;
            }

            MetricInput.RequireBinary(name, labels[i], i);
            MetricInput.RequireFinite(name, nameof(predictions), predictions[i], i);
            double predicted = predictions[i] >= AccuracyThreshold ? 1.0 : 0.0;
            correct += predicted == labels[i] ? 1 : 0;
        }

        return (double)correct / count;
    }

    private static double MeanOf(
        string name, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask, Func<double, double> term)
    {
        int count = MetricInput.CountIncluded(name, labels, predictions, mask);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (!MetricInput.IsIncluded(mask, i))
            {
                continue;
            }

            MetricInput.RequireFinite(name, nameof(labels), labels[i], i);
            MetricInput.RequireFinite(name, nameof(predictions), predictions[i], i);
            sum += term(labels[i] - predictions[i]);
        }

        return sum / count;
    }
}
