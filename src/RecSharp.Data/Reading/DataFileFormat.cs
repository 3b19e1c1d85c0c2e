namespace RecSharp.Data.Reading;

/// <summary>How a data file is stored.</summary>
public enum DataFileFormat
{
    /// <summary>Delimited text, optionally gzip-compressed.</summary>
    Csv,

    /// <summary>Apache Parquet.</summary>
    Parquet,
}
