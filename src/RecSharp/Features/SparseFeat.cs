namespace RecSharp.Features;

/// <summary>
/// A categorical feature: one id per row, looked up in an embedding table (the reference's <c>SparseFeat</c>).
/// Features with the same <see cref="EmbeddingName"/> share one table.
/// </summary>
public sealed record SparseFeat : FeatureColumn
{
    /// <summary>The dtypes a sparse feature may declare.</summary>
    public static readonly IReadOnlyList<string> SupportedDtypes = ["int32", "int64", "string"];

    /// <summary>Creates a sparse feature.</summary>
    /// <param name="name">The feature's name.</param>
    /// <param name="vocabularySize">Ids lie in <c>[0, vocabularySize)</c>; with hashing, the number of buckets.</param>
    /// <param name="embeddingDim">The embedding size, or <c>"auto"</c> for <c>6 *
    /// floor(vocabularySize^0.25)</c>.</param>
    /// <param name="useHash">Hash raw 64-bit ids or strings into <paramref name="vocabularySize"/> buckets (see <see
    /// cref="FeatureHasher"/>).</param>
    /// <param name="dtype">The declared type of the raw values: <c>int32</c>, <c>int64</c> or <c>string</c>.</param>
    /// <param name="embeddingName">The table's name; null means the feature's name.</param>
    /// <param name="groupName">A group label, kept for parity with the reference.</param>
    public SparseFeat(string name, int vocabularySize, EmbeddingDim? embeddingDim = null, bool useHash = false,
        string dtype = "int32", string? embeddingName = null, string groupName = "default_group") : base(name)
    {
        if (vocabularySize < 1)
        {
            throw new ArgumentException($"feature \"{name}\": vocabularySize must be at least 1, got {vocabularySize}",
                nameof(vocabularySize));
        }
        if (!SupportedDtypes.Contains(dtype))
        {
            throw new ArgumentException(
                $"feature \"{name}\": dtype \"{dtype}\" is not one of {string.Join(", ", SupportedDtypes)}",
                nameof(dtype));
        }
        if (dtype == "string" && !useHash)
        {
            throw new ArgumentException(
                $"feature \"{name}\": string values need useHash = true (or encode them to ids first)", nameof(dtype));
        }
        int dim = (embeddingDim ?? 4).Resolve(vocabularySize);
        if (dim < 1)
        {
            throw new ArgumentException($"feature \"{name}\": embeddingDim must be at least 1, got {dim}",
                nameof(embeddingDim));
        }
        TensorSizeLimit.RequireFloat32($"feature \"{name}\": an embedding table",
            "lower vocabularySize (hash the ids into fewer buckets) or embeddingDim", vocabularySize, dim);
        if (embeddingName is not null && string.IsNullOrWhiteSpace(embeddingName))
            throw new ArgumentException($"feature \"{name}\": embeddingName must not be blank", nameof(embeddingName));
        VocabularySize = vocabularySize;
        EmbeddingDim = dim;
        UseHash = useHash;
        Dtype = dtype;
        EmbeddingName = embeddingName ?? name;
        GroupName = groupName;
    }

    /// <summary>Ids lie in <c>[0, VocabularySize)</c>.</summary>
    public int VocabularySize { get; }

    /// <summary>The resolved embedding size.</summary>
    public int EmbeddingDim { get; }

    /// <summary>Whether raw values are hashed into buckets.</summary>
    public bool UseHash { get; }

    /// <summary>The declared type of the raw values.</summary>
    public string Dtype { get; }

    /// <summary>The name of the embedding table (shared by features that name the same table).</summary>
    public string EmbeddingName { get; }

    /// <summary>A group label, kept for parity with the reference.</summary>
    public string GroupName { get; }

    /// <inheritdoc />
    public override int Width => 1;
}
