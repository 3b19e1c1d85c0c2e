namespace RecSharp.Features;

/// <summary>
/// A variable-length list of ids per row (a behaviour sequence), embedded and pooled into one vector
/// (the reference's <c>VarLenSparseFeat</c>). Without <see cref="LengthName"/>, id 0 is padding and is masked;
/// with it, that column gives the number of valid leading positions.
/// </summary>
public sealed record VarLenSparseFeat : FeatureColumn
{
    /// <summary>The pooling modes.</summary>
    public static readonly IReadOnlyList<string> SupportedCombiners = ["mean", "sum", "max"];

    /// <summary>Creates a sequence feature over the ids of <paramref name="sparseFeat"/>.</summary>
    /// <param name="sparseFeat">The id space, embedding size and table of the sequence's elements; its name is this
    /// feature's name.</param>
    /// <param name="maxLen">The padded length of a row; wider inputs are rejected.</param>
    /// <param name="combiner">Pooling: <c>mean</c>, <c>sum</c> or <c>max</c>.</param>
    /// <param name="lengthName">An optional column holding each row's valid length.</param>
    /// <param name="weightName">An optional <c>[rows, maxLen]</c> column of weights multiplied into each position's
    /// embedding before pooling.</param>
    /// <param name="weightNorm">Normalise the weights with a softmax over the valid positions.</param>
    public VarLenSparseFeat(SparseFeat sparseFeat, int maxLen, string combiner = "mean", string? lengthName = null,
        string? weightName = null, bool weightNorm = true)
            : base(sparseFeat?.Name ?? throw new ArgumentNullException(nameof(sparseFeat)))
    {
        if (maxLen < 1)
            throw new ArgumentException($"feature \"{Name}\": maxLen must be at least 1, got {maxLen}", nameof(maxLen));
        TensorSizeLimit.RequireFloat32($"feature \"{Name}\": the embedded sequence of one row", "lower maxLen",
            maxLen, sparseFeat.EmbeddingDim);
        if (sparseFeat.UseHash && sparseFeat.VocabularySize < 2)
        {
            throw new ArgumentException(
                $"feature \"{Name}\": a hashed sequence needs vocabularySize of at least 2 (id 0 is padding)",
                nameof(sparseFeat));
        }
        if (!SupportedCombiners.Contains(combiner))
        {
            throw new ArgumentException(
                $"feature \"{Name}\": combiner \"{combiner}\" is not one of {string.Join(", ", SupportedCombiners)}",
                nameof(combiner));
        }
        if (lengthName is not null && (string.IsNullOrWhiteSpace(lengthName) || lengthName == Name))
        {
            throw new ArgumentException(
                $"feature \"{Name}\": lengthName must be a non-empty name other than the feature's",
                nameof(lengthName));
        }
        if (weightName is not null
            && (string.IsNullOrWhiteSpace(weightName) || weightName == Name || weightName == lengthName))
        {
            throw new ArgumentException($"feature \"{Name}\": weightName must be a non-empty name of its own",
                nameof(weightName));
        }
        SparseFeat = sparseFeat;
        MaxLen = maxLen;
        Combiner = combiner;
        LengthName = lengthName;
        WeightName = weightName;
        WeightNorm = weightNorm;
    }

    /// <summary>The element id space and table.</summary>
    public SparseFeat SparseFeat { get; }

    /// <summary>The padded length of a row.</summary>
    public int MaxLen { get; }

    /// <summary>Pooling mode.</summary>
    public string Combiner { get; }

    /// <summary>The optional length column.</summary>
    public string? LengthName { get; }

    /// <summary>The optional per-position weight column.</summary>
    public string? WeightName { get; }

    /// <summary>Whether weights are softmax-normalised over valid positions.</summary>
    public bool WeightNorm { get; }

    /// <summary>Ids lie in <c>[0, VocabularySize)</c>.</summary>
    public int VocabularySize => SparseFeat.VocabularySize;

    /// <summary>The embedding size.</summary>
    public int EmbeddingDim => SparseFeat.EmbeddingDim;

    /// <summary>The table's name.</summary>
    public string EmbeddingName => SparseFeat.EmbeddingName;

    /// <summary>Whether raw ids are hashed.</summary>
    public bool UseHash => SparseFeat.UseHash;

    /// <inheritdoc />
    public override int Width => MaxLen;
}
