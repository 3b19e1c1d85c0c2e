namespace RecSharp.Data.Reading;

/// <summary>How a requested column's fields are kept.</summary>
public enum ColumnValueKind
{
    /// <summary>As text (missing fields become null).</summary>
    Text,

    /// <summary>As double-precision numbers (missing fields become NaN); unparseable fields make the row bad.</summary>
    Number,
}
