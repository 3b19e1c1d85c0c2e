namespace RecSharp.Data.Preprocessing;

/// <summary>
/// Counts gathered while transforming rows, for reports; pass the same instance to several transforms (e.g. chunks)
/// to accumulate. Unseen values are present values that map to id 0 because they are not in the fitted vocabulary
/// (sequence features count elements); missing values are fields marked missing.
/// </summary>
public sealed class TransformStatistics
{
    private readonly Dictionary<string, long> unseen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> missing = new(StringComparer.Ordinal);

    /// <summary>The number of rows transformed.</summary>
    public long Rows { get; private set; }

    /// <summary>Per sparse or sequence feature, the values not in its vocabulary.</summary>
    public IReadOnlyDictionary<string, long> UnseenValues => unseen;

    /// <summary>Per feature, the fields that were missing.</summary>
    public IReadOnlyDictionary<string, long> MissingValues => missing;

    internal void AddRows(int rows) => Rows += rows;

    internal void AddUnseen(string feature, long count) => unseen[feature] = unseen.GetValueOrDefault(feature) + count;

    internal void AddMissing(string feature, long count) => missing[feature] = missing.GetValueOrDefault(feature) + count;
}
