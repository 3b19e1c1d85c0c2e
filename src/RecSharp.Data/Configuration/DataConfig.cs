using RecSharp.Data.Reading;

namespace RecSharp.Data.Configuration;

/// <summary>The <c>data</c> section: which files to read and how their text is laid out.</summary>
public sealed record DataConfig
{
    /// <summary>
    /// The data: a file, a folder or a pattern (see <see cref="DataFiles"/>); relative paths in a file are resolved
    /// against the experiment file's folder. Null when given later.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>The format of every file (csv or parquet); null to infer each file's from its extension.</summary>
    public DataFileFormat? Format { get; init; }

    /// <summary>The field separator, a single character; default <c>,</c>.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Whether the first line holds the column names; default true.</summary>
    public bool Header { get; init; } = true;

    /// <summary>The column names, in file order; required exactly when <see cref="Header"/> is false.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Field values that mean "missing", compared after trimming; default: the empty string only.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [""];

    /// <summary>Whether spaces around each field are removed; default true.</summary>
    public bool TrimSpaces { get; init; } = true;

    /// <summary>
    /// Files (a file, folder or pattern, like <see cref="Path"/>) holding the validation rows; null to split them off
    /// <see cref="Path"/>'s rows by <c>training.validationSplit</c>.
    /// </summary>
    public string? ValidationPath { get; init; }

    /// <summary>
    /// Files holding the test rows; null to split them off <see cref="Path"/>'s rows by <c>training.testSplit</c>.
    /// </summary>
    public string? TestPath { get; init; }

    /// <summary>
    /// When streaming, the column whose values decide each row's split (see <see cref="Streaming.RowSplit"/>), so
    /// that all rows of a user, say, fall on one side; null splits by row position.
    /// </summary>
    public string? SplitKey { get; init; }

    /// <summary>
    /// The memory, in bytes, the data may take when read whole; above it (see <see cref="Streaming.MemoryEstimate"/>)
    /// training streams. Null means a quarter of the memory available to the process.
    /// </summary>
    public long? MemoryBudget { get; init; }

    /// <summary>A column whose value identifies each row in <c>recsharp predict</c>'s output (beside the line number);
    /// null for none.</summary>
    public string? IdColumn { get; init; }
}
