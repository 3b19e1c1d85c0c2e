using System.Text;

namespace RecSharp.Features;

/// <summary>
/// The stable hash behind <c>useHash = true</c>. It never changes between versions or processes (unlike
/// <see cref="string.GetHashCode()"/>), so a model trained today buckets tomorrow's ids the same way.
/// <list type="bullet">
/// <item>Strings: 64-bit FNV-1a over the UTF-8 bytes (offset basis 14695981039346656037, prime 1099511628211).</item>
/// <item>Integers: the same FNV-1a over the value's 8 little-endian bytes (an <c>int</c> is widened to <c>long</c> first).</item>
/// </list>
/// The bucket is the hash modulo the number of buckets.
/// </summary>
public static class FeatureHasher
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The bucket of a string value.</summary>
    public static long Bucket(string value, int buckets)
    {
        ArgumentNullException.ThrowIfNull(value);
        RequireBuckets(buckets);
        ulong hash = OffsetBasis;
        foreach (byte b in Encoding.UTF8.GetBytes(value))
            hash = (hash ^ b) * Prime;
        return (long)(hash % (ulong)buckets);
    }

    /// <summary>The bucket of an integer value.</summary>
    public static long Bucket(long value, int buckets)
    {
        RequireBuckets(buckets);
        ulong hash = OffsetBasis;
        ulong bits = (ulong)value;
        for (int i = 0; i < 8; i++)
        {
            hash = (hash ^ (bits & 0xff)) * Prime;
            bits >>= 8;
        }
        return (long)(hash % (ulong)buckets);
    }

    private static void RequireBuckets(int buckets)
    {
        if (buckets < 1) throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "the number of buckets must be at least 1");
    }
}
