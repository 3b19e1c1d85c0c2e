namespace RecSharp.Data.Reading;

/// <summary>
/// The field values that mean missing, looked up without allocating; a field longer than every marker is not looked
/// up at all, so the usual single empty marker costs a length test per field.
/// </summary>
internal sealed class MissingMarkers
{
    private readonly HashSet<string> markers;
    private readonly int longest;

    public MissingMarkers(IEnumerable<string> markers)
    {
        this.markers = new HashSet<string>(markers, StringComparer.Ordinal);
        longest = this.markers.Count == 0 ? -1 : this.markers.Max(m => m.Length);
    }

    /// <summary>Whether the (trimmed) field is a missing-value marker.</summary>
    public bool Contains(ReadOnlySpan<char> field)
        => field.Length <= longest && markers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(field);
}
