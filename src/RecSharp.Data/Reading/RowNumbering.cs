namespace RecSharp.Data.Reading;

/// <summary>How a data file's rows are numbered in messages and reports.</summary>
public enum RowNumbering
{
    /// <summary>By the 1-based line of a text file (a header counts as line 1).</summary>
    Lines,

    /// <summary>By the 1-based position of the row in a file without lines, such as Parquet.</summary>
    Rows,
}
