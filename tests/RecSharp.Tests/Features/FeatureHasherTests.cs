using System.Text;
using RecSharp.Features;

namespace RecSharp.Tests.Features;

public class FeatureHasherTests
{
    // An independent FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    private static ulong Fnv1a64(IEnumerable<byte> bytes)
    {
        ulong hash = 0xcbf29ce484222325UL;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * 0x100000001b3UL);
        }
        return hash;
    }

    private static ulong Fnv1a64(long value) => Fnv1a64(BitConverter.IsLittleEndian
        ? BitConverter.GetBytes(value)
        : BitConverter.GetBytes(value).Reverse().ToArray());

    [Theory]
    // Published FNV-1a 64 test vectors: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8.
    [InlineData("", 1000, 37)]
    [InlineData("a", 1000, 996)]
    [InlineData("foobar", 1000, 968)]
    [InlineData("foobar", 97, 93)]
    [InlineData("user_42", 1000, 209)]
    [InlineData("日本", 1000, 169)] // UTF-8 bytes e6 97 a5 e6 9c ac
    public void StringBucketsArePinned(string value, int buckets, long expected)
    {
        Assert.Equal(expected, FeatureHasher.Bucket(value, buckets));
    }

    [Theory]
    // FNV-1a 64 over the 8 little-endian bytes: 0 → a8c7f832281a39c5, 1 → 89cd31291d2aefa4, -1 → 8cf51a8bfca3883d.
    [InlineData(0L, 1000, 405)]
    [InlineData(1L, 1000, 996)]
    [InlineData(-1L, 1000, 757)]
    [InlineData(42L, 1000, 255)]
    [InlineData(42L, 97, 59)]
    [InlineData(1099511627776L, 1000, 730)]
    public void IntegerBucketsArePinned(long value, int buckets, long expected)
    {
        Assert.Equal(expected, FeatureHasher.Bucket(value, buckets));
    }

    [Fact]
    public void StringBucketsMatchAnIndependentFnv1aOverUtf8()
    {
        foreach (var s in new[] { "x", "hello world", "ß∂ƒ", "0", "a somewhat longer identifier 123456" })
        {
            foreach (int buckets in new[] { 1, 2, 7, 1000, int.MaxValue })
            {
                Assert.Equal((long)(Fnv1a64(Encoding.UTF8.GetBytes(s)) % (ulong)buckets),
                    FeatureHasher.Bucket(s, buckets));
            }
        }
    }

    [Fact]
    public void IntegerBucketsMatchAnIndependentFnv1aOverLittleEndianBytes()
    {
        foreach (long v in new[] { 0L, 5L, -123456789L, long.MaxValue, long.MinValue })
        {
            foreach (int buckets in new[] { 1, 3, 1000, int.MaxValue })
                Assert.Equal((long)(Fnv1a64(v) % (ulong)buckets), FeatureHasher.Bucket(v, buckets));
        }
    }

    [Fact]
    public void AnIntIsHashedAsItsLongValue()
    {
        int small = -77;
        Assert.Equal(FeatureHasher.Bucket((long)small, 1000), FeatureHasher.Bucket(small, 1000));
    }

    [Fact]
    public void BucketsLieInZeroToBucketCount()
    {
        var rng = new Random(3);
        foreach (int buckets in new[] { 1, 2, 10, 12345 })
        {
            for (int i = 0; i < 500; i++)
            {
                long fromLong = FeatureHasher.Bucket(rng.NextInt64(long.MinValue, long.MaxValue), buckets);
                long fromString = FeatureHasher.Bucket($"v{rng.Next()}", buckets);
                Assert.InRange(fromLong, 0, buckets - 1);
                Assert.InRange(fromString, 0, buckets - 1);
            }
        }
    }

    [Fact]
    public void AStringAndTheIntegerItSpellsHashDifferently()
    {
        // "42" hashes its two UTF-8 bytes, 42 its eight little-endian bytes.
        Assert.Equal(255, FeatureHasher.Bucket(42L, 1000));
        Assert.Equal((long)(Fnv1a64("42"u8.ToArray()) % 1000), FeatureHasher.Bucket("42", 1000));
        Assert.NotEqual(FeatureHasher.Bucket(42L, 1000), FeatureHasher.Bucket("42", 1000));
    }

    [Fact]
    public void TheSameValueAlwaysGetsTheSameBucket()
    {
        Assert.Equal(FeatureHasher.Bucket("stable", 50), FeatureHasher.Bucket(new string("stable".ToCharArray()), 50));
        Assert.Equal(FeatureHasher.Bucket(987654321L, 50), FeatureHasher.Bucket(987654321L, 50));
    }

    [Fact]
    public void NullStringIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => FeatureHasher.Bucket((string)null!, 10));
    }
}
