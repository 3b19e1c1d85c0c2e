using RecSharp.Features;

namespace RecSharp.Tests.Features;

public class SparseFeatTests
{
    [Fact]
    public void DefaultsMatchTheReference()
    {
        var feat = new SparseFeat("user", 100);

        Assert.Equal("user", feat.Name);
        Assert.Equal(100, feat.VocabularySize);
        Assert.Equal(4, feat.EmbeddingDim);
        Assert.False(feat.UseHash);
        Assert.Equal("int32", feat.Dtype);
        Assert.Equal("user", feat.EmbeddingName);
        Assert.Equal("default_group", feat.GroupName);
        Assert.Equal(1, feat.Width);
    }

    [Fact]
    public void ExplicitArgumentsAreKept()
    {
        var feat = new SparseFeat("item", 50, 12, useHash: true, dtype: "string", embeddingName: "items",
            groupName: "g1");

        Assert.Equal(12, feat.EmbeddingDim);
        Assert.True(feat.UseHash);
        Assert.Equal("string", feat.Dtype);
        Assert.Equal("items", feat.EmbeddingName);
        Assert.Equal("g1", feat.GroupName);
    }

    [Theory]
    [InlineData(10000, 60)] // 10000^0.25 = 10 → 6·10
    [InlineData(81, 18)]    // 81^0.25 = 3 → 6·3
    [InlineData(80, 12)]    // 80^0.25 ≈ 2.99 → 6·2
    [InlineData(16, 12)]    // 16^0.25 = 2 → 6·2
    [InlineData(15, 6)]     // 15^0.25 ≈ 1.97 → 6·1
    [InlineData(1, 6)]      // 1^0.25 = 1 → 6·1
    public void AutoEmbeddingDimIsSixTimesTheFloorOfTheFourthRootOfTheVocabulary(int vocabulary, int expected)
    {
        Assert.Equal(expected, new SparseFeat("f", vocabulary, "auto").EmbeddingDim);
        Assert.Equal(expected, new SparseFeat("f", vocabulary, EmbeddingDim.Auto).EmbeddingDim);
    }

    [Fact]
    public void AutoIsCaseInsensitiveAndNumericTextIsAFixedSize()
    {
        Assert.Equal(60, new SparseFeat("f", 10000, "AUTO").EmbeddingDim);
        Assert.Equal(7, new SparseFeat("f", 10000, "7").EmbeddingDim);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankNameIsRejected(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseFeat(name, 10));
        Assert.Contains("non-empty name", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void VocabularySizeBelowOneIsRejectedNamingTheFeature(int vocabulary)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseFeat("user", vocabulary));
        Assert.Contains("feature \"user\"", ex.Message);
        Assert.Contains($"got {vocabulary}", ex.Message);
        Assert.Equal("vocabularySize", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void EmbeddingDimBelowOneIsRejectedNamingTheFeature(int dim)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseFeat("user", 10, dim));
        Assert.Contains("feature \"user\"", ex.Message);
        Assert.Equal("embeddingDim", ex.ParamName);
    }

    [Fact]
    public void UnknownDtypeIsRejectedNamingTheFeatureAndTheDtype()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseFeat("user", 10, dtype: "float16"));
        Assert.Contains("feature \"user\"", ex.Message);
        Assert.Contains("float16", ex.Message);
        Assert.Equal("dtype", ex.ParamName);
    }

    [Fact]
    public void StringDtypeWithoutHashingIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseFeat("city", 10, dtype: "string"));
        Assert.Contains("feature \"city\"", ex.Message);
        Assert.Contains("useHash", ex.Message);
    }

    [Fact]
    public void BlankEmbeddingNameIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseFeat("user", 10, embeddingName: " "));
        Assert.Contains("feature \"user\"", ex.Message);
        Assert.Equal("embeddingName", ex.ParamName);
    }

    [Fact]
    public void NonNumericEmbeddingDimTextIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SparseFeat("user", 10, "big"));
        Assert.Contains("\"big\"", ex.Message);
    }
}
