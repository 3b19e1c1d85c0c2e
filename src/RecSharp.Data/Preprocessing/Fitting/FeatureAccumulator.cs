using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing.Fitting;

/// <summary>What one configured feature keeps of the training rows, chunk by chunk, to be fitted at the end.</summary>
internal abstract class FeatureAccumulator
{
    protected FeatureAccumulator(FeatureConfig feature)
    {
        Feature = feature;
    }

    /// <summary>The feature as configured.</summary>
    public FeatureConfig Feature { get; }

    /// <summary>Whether fitting needs the training rows at all (hashed features and unscaled numbers do not).</summary>
    public abstract bool NeedsRows { get; }

    /// <summary>The accumulator of a feature.</summary>
    /// <param name="feature">The feature.</param>
    public static FeatureAccumulator For(FeatureConfig feature) => feature.Kind switch
    {
        FeatureKind.Sparse or FeatureKind.Sequence => new CategoryAccumulator(feature),
        FeatureKind.Hashed => new HashedAccumulator(feature),
        FeatureKind.Dense => new DenseAccumulator(feature),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature.Kind, "Unknown feature kind."),
    };

    /// <summary>Takes in a chunk of training rows.</summary>
    /// <param name="chunk">Rows read with the feature's column.</param>
    /// <exception cref="DataFormatException">When a value cannot be used (a negative value under log1p).</exception>
    public abstract void Add(RawTable chunk);

    /// <summary>The fitted feature.</summary>
    /// <exception cref="DataFormatException">When the statistics of the rows cannot be used.</exception>
    public abstract FittedFeature Finish();

    /// <summary>The feature's column as text.</summary>
    protected string?[] TextOf(RawTable chunk) => chunk.TextFor(Feature.Name, Feature.Column);
}
