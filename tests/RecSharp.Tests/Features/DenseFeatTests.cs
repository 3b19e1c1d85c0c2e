using RecSharp.Features;

namespace RecSharp.Tests.Features;

public class DenseFeatTests
{
    [Fact]
    public void DefaultsAreOneFloat32Value()
    {
        var feat = new DenseFeat("price");

        Assert.Equal("price", feat.Name);
        Assert.Equal(1, feat.Dimension);
        Assert.Equal("float32", feat.Dtype);
        Assert.Equal(1, feat.Width);
    }

    [Fact]
    public void WidthIsTheDimension()
    {
        var feat = new DenseFeat("vec", 5, "float64");

        Assert.Equal(5, feat.Width);
        Assert.Equal("float64", feat.Dtype);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void DimensionBelowOneIsRejectedNamingTheFeature(int dimension)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DenseFeat("price", dimension));
        Assert.Contains("feature \"price\"", ex.Message);
        Assert.Contains($"got {dimension}", ex.Message);
        Assert.Equal("dimension", ex.ParamName);
    }

    [Fact]
    public void UnknownDtypeIsRejectedNamingTheFeature()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DenseFeat("price", 1, "int32"));
        Assert.Contains("feature \"price\"", ex.Message);
        Assert.Contains("int32", ex.Message);
    }

    [Fact]
    public void BlankNameIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new DenseFeat(""));
    }
}
