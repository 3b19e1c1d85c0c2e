namespace RecSharp.Data.Reading;

/// <summary>One column the reader must find and how to check and keep its fields.</summary>
public sealed record ColumnRequest
{
    /// <summary>The column name as in the header or <c>data.columns</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Whether fields are kept as text or parsed as numbers.</summary>
    public ColumnValueKind Kind { get; init; } = ColumnValueKind.Text;

    /// <summary>When true, a missing field makes the row bad (used for labels).</summary>
    public bool Required { get; init; }

    /// <summary>When true, the number must be exactly 0 or 1 (binary labels without a mapping).</summary>
    public bool ZeroOrOne { get; init; }

    /// <summary>
    /// When set, a present field must be one of these values (binary labels listing positive and negative values).
    /// </summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>
    /// For a sequence feature's column: the delimiter that joins the elements of a list column (Parquet) into one
    /// field; null when the column must not be a list.
    /// </summary>
    public string? ListDelimiter { get; init; }
}
