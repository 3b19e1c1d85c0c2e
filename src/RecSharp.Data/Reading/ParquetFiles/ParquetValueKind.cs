namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>What a Parquet column holds, as far as reading it into features and labels goes.</summary>
internal enum ParquetValueKind
{
    /// <summary>Signed or unsigned integers of any width.</summary>
    Integer,

    /// <summary>Floats, doubles and decimals.</summary>
    Real,

    /// <summary>Booleans.</summary>
    Boolean,

    /// <summary>UTF-8 strings.</summary>
    Text,

    /// <summary>A list (repeated values) of integers, booleans or strings.</summary>
    List,

    /// <summary>Anything else: dates, timestamps, binary values, structs, maps, lists of those.</summary>
    Other,
}
