using System.Text.Json.Serialization;
using RecSharp.Features;

namespace RecSharp.Data.Preprocessing;

/// <summary>A feature whose values become ids into an embedding table: sparse, hashed or sequence.</summary>
public abstract record FittedCategoricalFeature : FittedFeature
{
    /// <summary>The embedding size.</summary>
    /// <remarks>Written first, before the properties of the kind of feature, as the saved pipelines have it.</remarks>
    [JsonPropertyOrder(-1)]
    public EmbeddingDim EmbeddingDim { get; init; } = EmbeddingDim.Default;
}
