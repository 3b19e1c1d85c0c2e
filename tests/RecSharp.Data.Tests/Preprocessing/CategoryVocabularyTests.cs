using RecSharp.Data.Preprocessing;

namespace RecSharp.Data.Tests.Preprocessing;

public class CategoryVocabularyTests
{
    private static readonly string?[] Training = ["b", "a", "b", null, "c", "a", "b"];

    [Fact]
    public void IdsFollowFirstAppearanceFromOne()
    {
        var vocabulary = CategoryVocabulary.Fit(Training);

        Assert.Equal(["b", "a", "c"], vocabulary.Values);
        Assert.Equal(4, vocabulary.Size);
        Assert.Equal(1, vocabulary.IdOf("b"));
        Assert.Equal(2, vocabulary.IdOf("a"));
        Assert.Equal(3, vocabulary.IdOf("c"));
    }

    [Fact]
    public void MissingAndUnseenValuesMapToZero()
    {
        var vocabulary = CategoryVocabulary.Fit(Training);
        Assert.Equal(0, vocabulary.IdOf(null));
        Assert.Equal(0, vocabulary.IdOf("z"));
        Assert.False(vocabulary.Contains("z"));
    }

    [Fact]
    public void MinCountFoldsRareValuesIntoZero()
    {
        var vocabulary = CategoryVocabulary.Fit(Training, minCount: 2);

        Assert.Equal(["b", "a"], vocabulary.Values);
        Assert.Equal(3, vocabulary.Size);
        Assert.Equal(0, vocabulary.IdOf("c"));
    }

    [Fact]
    public void EmptyTrainingGivesPaddingOnly()
        => Assert.Equal(1, CategoryVocabulary.Fit([]).Size);

    [Fact]
    public void DuplicateValuesAreRejected()
        => Assert.Throws<ArgumentException>(() => new CategoryVocabulary(["a", "a"]));
}
