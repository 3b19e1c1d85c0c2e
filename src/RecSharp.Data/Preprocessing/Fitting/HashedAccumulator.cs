using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;

namespace RecSharp.Data.Preprocessing.Fitting;

/// <summary>A hashed feature: nothing to learn from the rows, the bucket count is configured.</summary>
internal sealed class HashedAccumulator : FeatureAccumulator
{
    public HashedAccumulator(FeatureConfig feature)
        : base(feature)
    {
    }

    public override bool NeedsRows => false;

    public override void Add(RawTable chunk)
    {
    }

    public override FittedFeature Finish() => new FittedHashedFeature
    {
        Name = Feature.Name,
        Column = Feature.Column,
        EmbeddingDim = Feature.EmbeddingDim,
        Buckets = Feature.Buckets
            ?? throw new ArgumentException($"feature \"{Feature.Name}\": a hashed feature needs a bucket count"),
    };
}
