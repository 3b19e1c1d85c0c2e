using System.Globalization;

namespace RecSharp.Features;

/// <summary>
/// The largest tensor RecSharp makes: <see cref="MaxBytes"/>, as much as one .NET array holds. Weights are saved one
/// tensor per array (a safetensors entry), so a larger weight could not be saved, and sizes that large are far more
/// often a mistake (an id taken for a vocabulary size, a zero too many) than a wish. They are refused before anything
/// is allocated, with a message naming the feature or layer and its sizes, instead of failing inside libtorch or
/// exhausting the machine's memory.
/// </summary>
internal static class TensorSizeLimit
{
    /// <summary>The most bytes one tensor may take.</summary>
    public static long MaxBytes => Array.MaxLength;

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> when a float32 tensor of <paramref name="dimensions"/> would take
    /// more than <see cref="MaxBytes"/>, saying "<paramref name="subject"/> of a × b float32 values takes …" and
    /// then <paramref name="advice"/>.
    /// </summary>
    internal static void RequireFloat32(string subject, string advice, params long[] dimensions)
    {
        double bytes = dimensions.Aggregate(4.0, (product, dimension) => product * dimension);
        if (bytes <= MaxBytes) return;
        string sizes = string.Join(" × ", dimensions);
        throw new ArgumentException($"{subject} of {sizes} float32 values takes {Size(bytes)}, " +
                                    $"more than the {Size(MaxBytes)} one tensor may hold; {advice}");
    }

    /// <summary>A byte count for messages, in GiB (or MiB below one GiB).</summary>
    internal static string Size(double bytes) => bytes >= 1 << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 30):0.0} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 20):0.0} MiB");
}
