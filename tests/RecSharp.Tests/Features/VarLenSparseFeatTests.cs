using RecSharp.Features;

namespace RecSharp.Tests.Features;

public class VarLenSparseFeatTests
{
    [Fact]
    public void ExposesItsSparseFeatFields()
    {
        var sparse = new SparseFeat("hist", 30, 6, useHash: true, dtype: "int64", embeddingName: "items");
        var feat = new VarLenSparseFeat(sparse, 5);

        Assert.Same(sparse, feat.SparseFeat);
        Assert.Equal("hist", feat.Name);
        Assert.Equal(30, feat.VocabularySize);
        Assert.Equal(6, feat.EmbeddingDim);
        Assert.Equal("items", feat.EmbeddingName);
        Assert.True(feat.UseHash);
    }

    [Fact]
    public void DefaultsAreMeanPoolingWithoutLengthOrWeightColumns()
    {
        var feat = new VarLenSparseFeat(new SparseFeat("hist", 30), 5);

        Assert.Equal(5, feat.MaxLen);
        Assert.Equal(5, feat.Width);
        Assert.Equal("mean", feat.Combiner);
        Assert.Null(feat.LengthName);
        Assert.Null(feat.WeightName);
        Assert.True(feat.WeightNorm);
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("mean")]
    [InlineData("max")]
    public void EverySupportedCombinerIsAccepted(string combiner)
    {
        Assert.Equal(combiner, new VarLenSparseFeat(new SparseFeat("hist", 30), 5, combiner).Combiner);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void MaxLenBelowOneIsRejectedNamingTheFeature(int maxLen)
    {
        var ex = Assert.Throws<ArgumentException>(() => new VarLenSparseFeat(new SparseFeat("hist", 30), maxLen));
        Assert.Contains("feature \"hist\"", ex.Message);
        Assert.Contains($"got {maxLen}", ex.Message);
        Assert.Equal("maxLen", ex.ParamName);
    }

    [Fact]
    public void UnknownCombinerIsRejectedNamingTheFeatureAndCombiner()
    {
        var ex = Assert.Throws<ArgumentException>(() => new VarLenSparseFeat(new SparseFeat("hist", 30), 5, "median"));
        Assert.Contains("feature \"hist\"", ex.Message);
        Assert.Contains("median", ex.Message);
        Assert.Equal("combiner", ex.ParamName);
    }

    [Fact]
    public void LengthNameEqualToTheFeatureNameIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => new VarLenSparseFeat(new SparseFeat("hist", 30), 5, lengthName: "hist"));
        Assert.Equal("lengthName", ex.ParamName);
    }

    [Fact]
    public void WeightNameEqualToTheLengthNameIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new VarLenSparseFeat(new SparseFeat("hist", 30), 5, lengthName: "len", weightName: "len"));
        Assert.Equal("weightName", ex.ParamName);
    }

    [Fact]
    public void NullSparseFeatIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new VarLenSparseFeat(null!, 5));
    }
}
