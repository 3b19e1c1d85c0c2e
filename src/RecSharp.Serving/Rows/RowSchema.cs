using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;

namespace RecSharp.Serving.Rows;

/// <summary>
/// The fields a raw row must have — each source column of the fitted features, read as text (categorical and sequence
/// features) and/or as a number (dense features) — and how the training file's text was read: spaces trimmed or not,
/// and which values meant "missing".
/// </summary>
internal sealed class RowSchema
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missing;
    private readonly bool _trimSpaces;

    /// <summary>
    /// The schema of the rows <paramref name="pipeline"/> encodes, read as <paramref name="reading"/> says.
    /// </summary>
    public RowSchema(FittedPipeline pipeline, CsvReadOptions reading)
    {
        var columns = new List<RowColumn>();
        foreach (var feature in pipeline.Features)
        {
            bool number = feature is FittedDenseFeature;
            if (_index.TryGetValue(feature.Column, out int i))
            {
                var both = columns[i];
                columns[i] = both with { Text = both.Text || !number, Number = both.Number || number };
                continue;
            }
            _index[feature.Column] = columns.Count;
            columns.Add(new RowColumn(feature.Column, Text: !number, Number: number));
        }
        Columns = columns;
        _missing = new HashSet<string>(reading.MissingMarkers, StringComparer.Ordinal);
        _trimSpaces = reading.TrimSpaces;
    }

    /// <summary>The fields, one per source column.</summary>
    public IReadOnlyList<RowColumn> Columns { get; }

    /// <summary>The position of the field named <paramref name="name"/>, or -1 when no feature reads it.</summary>
    public int IndexOf(string name) => _index.GetValueOrDefault(name, -1);

    /// <summary>
    /// Text as the training file's reader kept it: trimmed when it trimmed, null when it meant missing.
    /// </summary>
    public string? Clean(string text)
    {
        string kept = _trimSpaces ? text.Trim(' ') : text;
        return _missing.Contains(kept) ? null : kept;
    }
}
