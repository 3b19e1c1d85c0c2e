using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Configuration;

/// <summary>One model input and how it is encoded from a column.</summary>
public sealed record FeatureConfig
{
    /// <summary>The feature name, unique among features.</summary>
    public required string Name { get; init; }

    /// <summary>The source column; defaults to <see cref="Name"/>.</summary>
    public required string Column { get; init; }

    /// <summary>How the value is encoded.</summary>
    public required FeatureKind Kind { get; init; }

    /// <summary>The embedding size of sparse, hashed and sequence features; default 4.</summary>
    public EmbeddingDim EmbeddingDim { get; init; } = EmbeddingDim.Default;

    /// <summary>The bucket count of a hashed feature (required for hashed features).</summary>
    public int? Buckets { get; init; }

    /// <summary>Sparse and sequence features: values seen fewer times in training map to id 0; default 1.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>
    /// Sparse and sequence features: the most values that get an id of their own, the most frequent in training
    /// (the rest map to id 0); null for no limit. It also bounds the memory the counting takes.
    /// </summary>
    public int? MaxSize { get; init; }

    /// <summary>Dense features: the raw value used when the field is missing, before scaling; default 0.</summary>
    public double Fill { get; init; }

    /// <summary>Dense features: the scaling fitted on training rows; default none.</summary>
    public ScalerKind Scaler { get; init; } = ScalerKind.None;

    /// <summary>Sequence features: the element separator inside the field; default <c>|</c>.</summary>
    public string Delimiter { get; init; } = "|";

    /// <summary>Sequence features: the fixed length elements are padded or truncated to (required for
    /// sequences).</summary>
    public int? MaxLen { get; init; }

    /// <summary>Sequence features: how element embeddings are pooled; default mean.</summary>
    public SequenceCombiner Combiner { get; init; } = SequenceCombiner.Mean;
}
