using RecSharp.Features;

namespace RecSharp.Data.Schema;

/// <summary>
/// What a model needs to declare one input feature column: its name, encoding, and sizes.
/// </summary>
/// <param name="Name">The feature name; also the key of its array in <c>ColumnarTable.ToInputDictionary()</c>.</param>
/// <param name="Kind">How the feature is encoded.</param>
/// <param name="VocabularySize">
/// The number of distinct ids: vocabulary + 1 for sparse and sequence features (id 0 is padding/unseen),
/// the bucket count for hashed features, and 0 for dense features.
/// </param>
/// <param name="EmbeddingDim">The embedding size for categorical features; <see cref="EmbeddingDim.Default"/> for dense
/// features.</param>
/// <param name="Dimension">The number of values per row for dense features (always 1 here); 1 for the other
/// kinds.</param>
/// <param name="MaxLen">The padded length of a sequence feature; null for the other kinds.</param>
/// <param name="Combiner">The pooling of a sequence feature; null for the other kinds.</param>
public sealed record FeatureDescription(
    string Name,
    FeatureKind Kind,
    int VocabularySize,
    EmbeddingDim EmbeddingDim,
    int Dimension = 1,
    int? MaxLen = null,
    SequenceCombiner? Combiner = null);
