using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Preprocessing;

/// <summary>A categorical feature hashed with <see cref="FeatureHasher"/> into <c>int[rows]</c> bucket ids.</summary>
public sealed record FittedHashedFeature : FittedCategoricalFeature
{
    /// <summary>The bucket count, which is also the vocabulary size.</summary>
    public required int Buckets { get; init; }

    /// <inheritdoc />
    public override FeatureDescription Describe() => new(Name, FeatureKind.Hashed, Buckets, EmbeddingDim);

    /// <inheritdoc />
    public override Array Transform(RawTable table, TransformStatistics statistics)
    {
        var text = TextOf(table);
        var ids = new int[text.Length];
        long missing = 0;
        for (var i = 0; i < text.Length; i++)
        {
            ids[i] = (int)FeatureHasher.Bucket(text[i] ?? string.Empty, Buckets);
            missing += text[i] is null ? 1 : 0;
        }

        statistics.AddMissing(Name, missing);
        return ids;
    }
}
