using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// A delimited list of categorical values encoded into <c>int[rows, MaxLen]</c> ids: elements are split on
/// <see cref="Delimiter"/>, trimmed, empty elements dropped, mapped through the vocabulary (unseen = 0), the first
/// <see cref="MaxLen"/> kept, and the rest of the row padded with 0 at the end.
/// </summary>
public sealed record FittedSequenceFeature : FittedCategoricalFeature
{
    /// <summary>The element separator.</summary>
    public required string Delimiter { get; init; }

    /// <summary>The padded length.</summary>
    public required int MaxLen { get; init; }

    /// <summary>How element embeddings are pooled by the model.</summary>
    public SequenceCombiner Combiner { get; init; } = SequenceCombiner.Mean;

    /// <summary>The fitted element vocabulary.</summary>
    public required CategoryVocabulary Vocabulary { get; init; }

    /// <inheritdoc />
    public override FeatureDescription Describe()
        => new(Name, FeatureKind.Sequence, Vocabulary.Size, EmbeddingDim, Dimension: 1, MaxLen, Combiner);

    /// <summary>The elements of one field: split, trimmed, empty ones dropped.</summary>
    /// <param name="field">The field, or null when missing.</param>
    /// <param name="delimiter">The element separator.</param>
    public static string[] Elements(string? field, string delimiter)
        => field is null ? []
            : field.Split(delimiter, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <inheritdoc />
    public override Array Transform(RawTable table, TransformStatistics statistics)
    {
        var text = TextOf(table);
        var ids = new int[text.Length, MaxLen];
        long unseen = 0, missing = 0;
        for (var i = 0; i < text.Length; i++)
        {
            missing += text[i] is null ? 1 : 0;
            var elements = Elements(text[i], Delimiter);
            for (var j = 0; j < elements.Length && j < MaxLen; j++)
            {
                ids[i, j] = Vocabulary.IdOf(elements[j]);
                unseen += ids[i, j] == 0 ? 1 : 0;
            }
        }

        statistics.AddUnseen(Name, unseen);
        statistics.AddMissing(Name, missing);
        return ids;
    }
}
