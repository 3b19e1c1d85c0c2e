using RecSharp.Features;

namespace RecSharp.Data.Preprocessing;

/// <summary>A feature whose values become ids into an embedding table: sparse, hashed or sequence.</summary>
public abstract record FittedCategoricalFeature : FittedFeature
{
    /// <summary>The embedding size.</summary>
    public EmbeddingDim EmbeddingDim { get; init; } = EmbeddingDim.Default;
}
