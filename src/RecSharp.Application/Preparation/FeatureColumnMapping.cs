using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Application.Preparation;

/// <summary>Declares the model's feature columns from the fitted pipeline's feature descriptions.</summary>
internal static class FeatureColumnMapping
{
    /// <summary>One column per described feature, in order. Hashed features arrive as bucket ids, so they are plain
    /// sparse columns.</summary>
    public static IReadOnlyList<FeatureColumn> ToColumns(IEnumerable<FeatureDescription> features) =>
        features.Select<FeatureDescription, FeatureColumn>(f => f.Kind switch
        {
            FeatureKind.Dense => new DenseFeat(f.Name, f.Dimension),
            FeatureKind.Sequence =>
                new VarLenSparseFeat(Sparse(f), f.MaxLen ?? 1, f.Combiner?.ToString().ToLowerInvariant() ?? "mean"),
            _ => Sparse(f),
        }).ToArray();

    private static SparseFeat Sparse(FeatureDescription f) =>
        new(f.Name, f.VocabularySize, f.EmbeddingDim.IsAuto ? EmbeddingDim.Auto : f.EmbeddingDim.Value);
}
