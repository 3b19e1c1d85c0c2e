using System.Text.Json.Serialization;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// A fitted mapping from categorical values to ids. Id 0 is reserved for padding, missing values and values not in the
/// vocabulary; kept values get ids 1..n in order of first appearance in the training rows, so fitting is deterministic.
/// </summary>
public sealed class CategoryVocabulary
{
    private readonly Dictionary<string, int> ids;

    /// <summary>Creates a vocabulary whose value at position i gets id i + 1.</summary>
    /// <param name="values">The distinct kept values, in id order.</param>
    /// <exception cref="ArgumentException">When a value repeats.</exception>
    [JsonConstructor]
    public CategoryVocabulary(IReadOnlyList<string> values)
    {
        Values = values.ToArray();
        ids = new Dictionary<string, int>(Values.Count, StringComparer.Ordinal);
        for (var i = 0; i < Values.Count; i++)
        {
            if (!ids.TryAdd(Values[i], i + 1))
            {
                throw new ArgumentException($"the value \"{Values[i]}\" appears twice", nameof(values));
            }
        }
    }

    /// <summary>The kept values; the value at position i has id i + 1.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The number of ids, padding included: <c>Values.Count + 1</c>.</summary>
    [JsonIgnore]
    public int Size => Values.Count + 1;

    /// <summary>
    /// Fits a vocabulary: values seen at least <paramref name="minCount"/> times get ids by order of first appearance,
    /// at most <paramref name="maxSize"/> of them (the most frequent); rarer values and missing (null) values are left
    /// out and so map to 0. See <see cref="Fitting.VocabularyCounter"/>.
    /// </summary>
    /// <param name="values">The training values, null where missing.</param>
    /// <param name="minCount">The minimum number of occurrences to get an id.</param>
    /// <param name="maxSize">The most values that get an id; null for no limit.</param>
    public static CategoryVocabulary Fit(IEnumerable<string?> values, int minCount = 1, int? maxSize = null)
    {
        var counter = new Fitting.VocabularyCounter(maxSize);
        foreach (var value in values)
        {
            counter.Add(value);
        }

        return counter.Build(minCount);
    }

    /// <summary>The id of a value: 1..n when known, 0 when missing or unseen.</summary>
    /// <param name="value">The value, or null when missing.</param>
    public int IdOf(string? value) => value is not null && ids.TryGetValue(value, out var id) ? id : 0;

    /// <summary>Whether the value has an id of its own.</summary>
    /// <param name="value">The value.</param>
    public bool Contains(string value) => ids.ContainsKey(value);
}
