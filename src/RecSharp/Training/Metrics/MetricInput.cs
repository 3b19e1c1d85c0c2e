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
    public static int CountIncluded(string metric, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<bool> mask)
    {
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException(
                $"{metric}: labels has {labels.Length} rows but predictions has {predictions.Length}.", nameof(predictions));
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

    /// <summary>Whether row <paramref name="index"/> takes part.</summary>
    public static bool IsIncluded(ReadOnlySpan<bool> mask, int index) => mask.IsEmpty || mask[index];

    /// <summary>Throws unless <paramref name="value"/> is a finite number.</summary>
    public static void RequireFinite(string metric, string argument, double value, int index)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"{metric}: {argument}[{index}] is {Format(value)}; values must be finite.", argument);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is exactly 0 or 1.</summary>
    public static void RequireBinary(string metric, double value, int index)
    {
        if (value is not (0.0 or 1.0))
        {
            throw new ArgumentException(
                $"{metric}: labels[{index}] is {Format(value)}; labels must be 0 or 1.", "labels");
        }
    }

    /// <summary>Formats a value for an error message.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int Require(string metric, int count)
    {
        if (count == 0)
        {
            throw new ArgumentException($"{metric} is undefined when there are no rows to evaluate.", "labels");
        }

        return count;
    }
}
