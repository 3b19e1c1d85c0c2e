using RecSharp.Features;

namespace RecSharp.Data.Tests.Preprocessing;

public class FeatureHasherTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    [InlineData("é", 0x0ac21707b7181e01UL)]
    public void MatchesPublishedFnv1a64Values(string value, ulong expected)
        => Assert.Equal(expected, FeatureHasher.Fnv1a64(value));

    [Theory]
    [InlineData("user_42", 1000, 209)]
    [InlineData("a", 1000, 996)]
    [InlineData("", 1000, 37)]
    public void BucketIsHashModuloBuckets(string value, int buckets, long expected)
        => Assert.Equal(expected, FeatureHasher.Bucket(value, buckets));

    [Fact]
    public void LongValuesHashLikeShortOnes()
    {
        var value = new string('x', 2000);
        var expected = FeatureHasher.OffsetBasis;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(value))
        {
            expected = unchecked((expected ^ b) * FeatureHasher.Prime);
        }

        Assert.Equal(expected, FeatureHasher.Fnv1a64(value));
    }
}
