using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Tests.Preprocessing;

public class FittedSequenceFeatureTests
{
    [Fact]
    public void ElementsAreSplitTrimmedAndEmptyOnesDropped()
    {
        Assert.Equal(["a", "b", "c"], FittedSequenceFeature.Elements(" a ;; b;c ", ";"));
        Assert.Empty(FittedSequenceFeature.Elements(null, ";"));
    }

    [Fact]
    public void TruncatesToTheFirstElementsAndPadsAtTheEnd()
    {
        var feature = Tags();
        var table = new RawTable("t.csv", [2, 3, 4], [new RawColumn("tags", ["w|z|y|x", "y", "q|x"], null)]);
        var statistics = new TransformStatistics();

        var ids = (int[,])feature.Transform(table, statistics);

        Assert.Equal(new[,] { { 4, 3, 2 }, { 2, 0, 0 }, { 0, 1, 0 } }, ids);
        Assert.Equal(1, statistics.UnseenValues["tags"]);
        Assert.Equal(new FeatureDescription("tags", FeatureKind.Sequence, 5, EmbeddingDim.Default, 1, 3,
            SequenceCombiner.Sum), feature.Describe());
    }

    [Fact]
    public void AColumnNotReadAsTextIsRefusedNamingTheFeatureTheFileAndTheColumn()
    {
        var feature = Tags() with { Column = "tag_list" };
        var numbersOnly = new RawTable("t.csv", [2], [new RawColumn("tag_list", null, [1.0])]);

        var error = Assert.Throws<ArgumentException>(() => feature.Transform(numbersOnly, new TransformStatistics()));

        Assert.Equal("feature \"tags\": the rows of t.csv have no text column \"tag_list\"", error.Message);
    }

    [Fact]
    public void MinCountAppliesToElements()
    {
        var elements = new[] { "a|b", "b|c", "b|a" }.SelectMany(v => FittedSequenceFeature.Elements(v, "|"));
        var vocabulary = CategoryVocabulary.Fit(elements, minCount: 2);
        Assert.Equal(["a", "b"], vocabulary.Values);
    }

    private static FittedSequenceFeature Tags() => new()
    {
        Name = "tags",
        Column = "tags",
        Delimiter = "|",
        MaxLen = 3,
        Combiner = SequenceCombiner.Sum,
        Vocabulary = CategoryVocabulary.Fit(["x", "y", "z", "w"]),
    };
}
