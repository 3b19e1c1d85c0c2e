using System.Text;

namespace RecSharp.Features;

/// <summary>
/// The stable hash behind hashed features (<c>useHash = true</c>, <c>kind: hashed</c>). It never changes between
/// versions or processes (unlike <see cref="string.GetHashCode()"/>), so a model trained today buckets tomorrow's ids
/// the same way, in the library and in the data pipeline alike.
/// <list type="bullet">
/// <item>Strings: 64-bit FNV-1a over the UTF-8 bytes (offset basis 14695981039346656037, prime 1099511628211).</item>
/// <item>Integers: the same FNV-1a over the value's 8 little-endian bytes (an <c>int</c> is widened to <c>long</c>
/// first).</item>
/// </list>
/// The bucket is the hash modulo the number of buckets.
/// </summary>
public static class FeatureHasher
{
    /// <summary>The FNV-1a 64-bit offset basis.</summary>
    public const ulong OffsetBasis = 14695981039346656037UL;

    /// <summary>The FNV-1a 64-bit prime.</summary>
    public const ulong Prime = 1099511628211UL;

    /// <summary>The 64-bit FNV-1a hash of the UTF-8 encoding of <paramref name="value"/>.</summary>
    public static ulong Fnv1a64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        int length = Encoding.UTF8.GetBytes(value, buffer);
        ulong hash = OffsetBasis;
        foreach (byte b in buffer[..length])
            hash = unchecked((hash ^ b) * Prime);
        return hash;
    }

    /// <summary>The bucket, in [0, <paramref name="buckets"/>), of a string value.</summary>
    public static long Bucket(string value, int buckets)
    {
        RequireBuckets(buckets);
        return (long)(Fnv1a64(value) % (ulong)buckets);
    }

    /// <summary>The bucket, in [0, <paramref name="buckets"/>), of an integer value.</summary>
    public static long Bucket(long value, int buckets)
    {
        RequireBuckets(buckets);
        ulong hash = OffsetBasis;
        ulong bits = (ulong)value;
        for (int i = 0; i < 8; i++)
        {
            hash = unchecked((hash ^ (bits & 0xff)) * Prime);
            bits >>= 8;
        }
        return (long)(hash % (ulong)buckets);
    }

    private static void RequireBuckets(int buckets)
    {
        if (buckets < 1)
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "the number of buckets must be at least 1");
    }
}
