using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing;

/// <summary>A categorical feature encoded through a fitted vocabulary into <c>int[rows]</c> ids.</summary>
public sealed record FittedSparseFeature : FittedCategoricalFeature
{
    /// <summary>The fitted vocabulary.</summary>
    public required CategoryVocabulary Vocabulary { get; init; }

    /// <inheritdoc />
    public override FeatureDescription Describe() => new(Name, FeatureKind.Sparse, Vocabulary.Size, EmbeddingDim);

    /// <inheritdoc />
    public override Array Transform(RawTable table, TransformStatistics statistics)
    {
        var text = TextOf(table);
        var ids = new int[text.Length];
        long unseen = 0, missing = 0;
        for (var i = 0; i < text.Length; i++)
        {
            ids[i] = Vocabulary.IdOf(text[i]);
            if (text[i] is null)
            {
                missing++;
            }
            else if (ids[i] == 0)
            {
                unseen++;
            }
        }

        statistics.AddUnseen(Name, unseen);
        statistics.AddMissing(Name, missing);
        return ids;
    }
}
