using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing.Fitting;

/// <summary>A sparse feature's values, or a sequence feature's elements, counted for its vocabulary.</summary>
internal sealed class CategoryAccumulator : FeatureAccumulator
{
    private readonly VocabularyCounter counter;

    public CategoryAccumulator(FeatureConfig feature)
        : base(feature)
    {
        counter = new VocabularyCounter(feature.MaxSize);
    }

    public override bool NeedsRows => true;

    public override void Add(RawTable chunk)
    {
        foreach (var value in TextOf(chunk))
        {
            if (Feature.Kind != FeatureKind.Sequence)
            {
                counter.Add(value);
                continue;
            }

            foreach (var element in FittedSequenceFeature.Elements(value, Feature.Delimiter))
            {
                counter.Add(element);
            }
        }
    }

    public override FittedFeature Finish()
    {
        var vocabulary = counter.Build(Feature.MinCount);
        return Feature.Kind == FeatureKind.Sequence
            ? new FittedSequenceFeature
            {
                Name = Feature.Name,
                Column = Feature.Column,
                EmbeddingDim = Feature.EmbeddingDim,
                Delimiter = Feature.Delimiter,
                MaxLen = Feature.MaxLen
                    ?? throw new ArgumentException($"feature \"{Feature.Name}\": a sequence feature needs maxLen"),
                Combiner = Feature.Combiner,
                Vocabulary = vocabulary,
            }
            : new FittedSparseFeature
            {
                Name = Feature.Name,
                Column = Feature.Column,
                EmbeddingDim = Feature.EmbeddingDim,
                Vocabulary = vocabulary,
            };
    }
}
