using System.Runtime.InteropServices;

namespace RecSharp.Data.Preprocessing.Fitting;

/// <summary>
/// Counts the values of a categorical column over a stream of training rows, remembering where each was first seen,
/// and builds the vocabulary: values seen at least <c>minCount</c> times, at most <c>maxSize</c> of them (the most
/// frequent, ties going to the earlier), in order of first appearance. Without a size limit every distinct value is
/// counted. With one, the table holds at most twice its capacity, <see cref="CapacityPerKeptValue"/> × maxSize values
/// (at least <see cref="MinimumCapacity"/>): when it fills up, the less frequent half is dropped. The counts are exact
/// while the distinct values fit; beyond, a dropped value that comes back counts again from 1, which keeps every value
/// frequent enough to matter (the kept ones) and the memory bounded for columns of any number of distinct values.
/// </summary>
public sealed class VocabularyCounter
{
    /// <summary>The least capacity of a size-limited counter.</summary>
    public const int MinimumCapacity = 100_000;

    /// <summary>The capacity of a size-limited counter per value it keeps.</summary>
    public const int CapacityPerKeptValue = 10;

    private readonly Dictionary<string, Entry> counts = new(StringComparer.Ordinal);
    private readonly int? maxSize;
    private readonly long capacity;
    private long position;

    /// <summary>Creates a counter.</summary>
    /// <param name="maxSize">The most values the vocabulary keeps; null for no limit.</param>
    public VocabularyCounter(int? maxSize = null)
    {
        if (maxSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        }

        this.maxSize = maxSize;
        capacity = maxSize is { } limit
            ? Math.Max((long)limit * CapacityPerKeptValue, MinimumCapacity)
            : long.MaxValue / 2;
    }

    /// <summary>The number of distinct values counted now.</summary>
    public int DistinctCount => counts.Count;

    /// <summary>The highest count of a value dropped to bound the table (0 while counts are exact).</summary>
    public long LargestDroppedCount { get; private set; }

    /// <summary>Counts one value; missing values (null) are not counted.</summary>
    /// <param name="value">The value, or null.</param>
    public void Add(string? value)
    {
        if (value is null)
        {
            return;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out var exists);
        if (!exists)
        {
            entry.First = position;
        }

        entry.Count++;
        position++;
        if (counts.Count > 2 * capacity)
        {
            Prune();
        }
    }

    /// <summary>The vocabulary of the values counted so far.</summary>
    /// <param name="minCount">The fewest occurrences a value needs to get an id.</param>
    public CategoryVocabulary Build(int minCount = 1)
    {
        var kept = counts.Where(kv => kv.Value.Count >= minCount);
        if (maxSize is { } size)
        {
            kept = kept.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.First).Take(size);
        }

        return new CategoryVocabulary(kept.OrderBy(kv => kv.Value.First).Select(kv => kv.Key).ToArray());
    }

    private void Prune()
    {
        var dropped = counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.First).Skip((int)capacity)
            .ToArray();
        foreach (var (value, entry) in dropped)
        {
            LargestDroppedCount = Math.Max(LargestDroppedCount, entry.Count);
            counts.Remove(value);
        }
    }

    private struct Entry
    {
        public long Count;
        public long First;
    }
}
