using System.Globalization;

namespace RecSharp.Training.Metrics;

/// <summary>
/// Argument checks shared by the metric functions.
/// </summary>
internal static class MetricInput
{
    /// <summary>
    /// Checks lengths and the mask, and returns how many rows take part.
    /// </summary>
    public static int CountIncluded(string metric, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask)
    {
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException(
                $"{metric}: labels has {labels.Length} rows but predictions has {predictions.Length}.",
                nameof(predictions));
        }

        if (mask.IsEmpty)
        {
            return Require(metric, labels.Length);
        }

        if (mask.Length != labels.Length)
        {
            throw new ArgumentException(
                $"{metric}: mask has {mask.Length} rows but labels has {labels.Length}.", nameof(mask));
        }

        int count = 0;
        foreach (bool included in mask)
        {
            if (included)
            {
                count++;
            }
        }

        return Require(metric, count);
    }

    /// <summary>
    /// Whether row <paramref name="index"/> takes part; when it does, checks that its label follows
    /// <paramref name="rule"/> and that its prediction is finite, and throws otherwise.
    /// </summary>
    public static bool TakesPart(string metric, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions,
        ReadOnlySpan<bool> mask, int index, LabelRule rule)
    {
        if (!mask.IsEmpty && !mask[index])
        {
            return false;
        }

        RequireLabel(metric, labels[index], index, rule);
        RequireFinite(metric, nameof(predictions), predictions[index], index);
        return true;
    }

    /// <summary>Formats a value for an error message.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void RequireLabel(string metric, double value, int index, LabelRule rule)
    {
        switch (rule)
        {
            case LabelRule.Binary:
                RequireBinary(metric, value, index);
                break;
            case LabelRule.Probability when !(value >= 0.0 && value <= 1.0):
                throw new ArgumentException(
                    $"{metric}: labels[{index}] is {Format(value)}; labels must lie in [0, 1].", "labels");
            case LabelRule.Finite:
                RequireFinite(metric, "labels", value, index);
                break;
        }
    }

    private static void RequireFinite(string metric, string argument, double value, int index)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"{metric}: {argument}[{index}] is {Format(value)}; values must be finite.", argument);
        }
    }

    private static void RequireBinary(string metric, double value, int index)
    {
        if (value is not (0.0 or 1.0))
        {
            throw new ArgumentException(
                $"{metric}: labels[{index}] is {Format(value)}; labels must be 0 or 1.", "labels");
        }
    }

    private static int Require(string metric, int count)
    {
        if (count == 0)
        {
            throw new ArgumentException($"{metric} is undefined when there are no rows to evaluate.", "labels");
        }

        return count;
    }
}
