using System.Text;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// Stable hashing of categorical values into buckets: 64-bit FNV-1a over the value's UTF-8 bytes
/// (offset basis 14695981039346656037, prime 1099511628211), then the hash modulo the bucket count.
/// A missing value is hashed as the empty string.
/// </summary>
public static class FeatureHasher
{
    /// <summary>The FNV-1a 64-bit offset basis.</summary>
    public const ulong OffsetBasis = 14695981039346656037UL;

    /// <summary>The FNV-1a 64-bit prime.</summary>
    public const ulong Prime = 1099511628211UL;

    /// <summary>The 64-bit FNV-1a hash of the UTF-8 encoding of <paramref name="value"/>.</summary>
    /// <param name="value">The text to hash.</param>
    public static ulong Fnv1a64(string value)
    {
        var hash = OffsetBasis;
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash = unchecked(hash * Prime);
        }

        return hash;
    }

    /// <summary>The bucket, in [0, <paramref name="buckets"/>), of a value; missing values hash as the empty string.</summary>
    /// <param name="value">The value, or null when missing.</param>
    /// <param name="buckets">The positive bucket count.</param>
    public static int Bucket(string? value, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets);
        return (int)(Fnv1a64(value ?? string.Empty) % (ulong)buckets);
    }
}
