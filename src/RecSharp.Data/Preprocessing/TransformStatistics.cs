namespace RecSharp.Data.Preprocessing;

/// <summary>
/// Counts gathered while transforming rows, for reports; pass the same instance to several transforms (e.g. chunks)
/// to accumulate. Unseen values are present values that map to id 0 because they are not in the fitted vocabulary
/// (sequence features count elements); missing values are fields marked missing; labels mapped to zero are the values
/// a binary task that lists only <c>positive</c> values read as 0.
/// </summary>
public sealed class TransformStatistics
{
    private readonly Dictionary<string, long> unseen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> missing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> mappedToZero = new(StringComparer.Ordinal);

    /// <summary>The number of rows transformed.</summary>
    public long Rows { get; private set; }

    /// <summary>Per sparse or sequence feature, the values not in its vocabulary.</summary>
    public IReadOnlyDictionary<string, long> UnseenValues => unseen;

    /// <summary>Per feature, the fields that were missing.</summary>
    public IReadOnlyDictionary<string, long> MissingValues => missing;

    /// <summary>
    /// Per binary task that lists only <c>positive</c> values, each distinct label value read as 0 and its row count,
    /// so that a typo in a positive value, or an unexpected value, shows up in the run's report.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> LabelsMappedToZero
        => mappedToZero.ToDictionary(
            kv => kv.Key, kv => (IReadOnlyDictionary<string, long>)kv.Value, StringComparer.Ordinal);

    internal void AddRows(int rows) => Rows += rows;

    internal void AddMappedToZero(string task, IReadOnlyDictionary<string, long> counts)
    {
        if (!mappedToZero.TryGetValue(task, out var values))
        {
            mappedToZero[task] = values = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (var (value, count) in counts)
        {
            values[value] = values.GetValueOrDefault(value) + count;
        }
    }

    internal void AddUnseen(string feature, long count) => unseen[feature] = unseen.GetValueOrDefault(feature) + count;

    internal void AddMissing(string feature, long count) =>
        missing[feature] = missing.GetValueOrDefault(feature) + count;
}
