using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing;

/// <summary>Fits one configured feature on training rows.</summary>
internal static class FeatureFitter
{
    public static FittedFeature Fit(FeatureConfig feature, RawTable training) => feature.Kind switch
    {
        FeatureKind.Sparse => new FittedSparseFeature
        {
            Name = feature.Name,
            Column = feature.Column,
            EmbeddingDim = feature.EmbeddingDim,
            Vocabulary = CategoryVocabulary.Fit(Text(feature, training), feature.MinCount),
        },
        FeatureKind.Hashed => new FittedHashedFeature
        {
            Name = feature.Name,
            Column = feature.Column,
            EmbeddingDim = feature.EmbeddingDim,
            Buckets = feature.Buckets ?? throw new ArgumentException($"Hashed feature '{feature.Name}' has no bucket count."),
        },
        FeatureKind.Dense => new FittedDenseFeature
        {
            Name = feature.Name,
            Column = feature.Column,
            Fill = feature.Fill,
            Scaler = FittedDenseFeature.FitScaler(training, feature.Name, feature.Column, feature.Fill, feature.Scaler),
        },
        FeatureKind.Sequence => new FittedSequenceFeature
        {
            Name = feature.Name,
            Column = feature.Column,
            EmbeddingDim = feature.EmbeddingDim,
            Delimiter = feature.Delimiter,
            MaxLen = feature.MaxLen ?? throw new ArgumentException($"Sequence feature '{feature.Name}' has no maxLen."),
            Combiner = feature.Combiner,
            Vocabulary = CategoryVocabulary.Fit(
                Text(feature, training).SelectMany(v => FittedSequenceFeature.Elements(v, feature.Delimiter)),
                feature.MinCount),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature.Kind, "Unknown feature kind."),
    };

    private static string?[] Text(FeatureConfig feature, RawTable training)
        => training.Columns.TryGetValue(feature.Column, out var c) && c.Text is { } text
            ? text
            : throw new ArgumentException($"The table has no text column '{feature.Column}' for feature '{feature.Name}'.", nameof(training));
}
