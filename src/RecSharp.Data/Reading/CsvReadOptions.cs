using RecSharp.Data.Configuration;

namespace RecSharp.Data.Reading;

/// <summary>How a delimited text file is laid out and how bad rows are handled.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator; default <c>,</c>.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Whether the first line names the columns; default true.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The column names when there is no header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>Field values (after trimming) that mean missing; default: the empty string.</summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = [""];

    /// <summary>Whether spaces around fields are removed; default true.</summary>
    public bool TrimSpaces { get; init; } = true;

    /// <summary>When true, bad rows are skipped and counted instead of raising <see cref="DataFormatException"/>;
    /// default false.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>
    /// Columns of <see cref="ColumnNames"/> that a row of a file without a header may leave out altogether (such as
    /// the label columns of a file to predict): a row with as many fields as the names without these is read as the
    /// columns in the same order, without them. Default: none.
    /// </summary>
    public IReadOnlyList<string> OptionalColumns { get; init; } = [];

    /// <summary>The options a <c>data</c> section describes.</summary>
    /// <param name="data">The data section.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    public static CsvReadOptions FromConfig(DataConfig data, bool skipBadRows = false) => new()
    {
        Separator = data.Separator,
        HasHeader = data.Header,
        ColumnNames = data.Columns,
        MissingMarkers = data.Missing,
        TrimSpaces = data.TrimSpaces,
        SkipBadRows = skipBadRows,
    };

    /// <summary>
    /// The options of the rows to score with an experiment's model: its <c>data</c> section's, with the label columns
    /// no feature reads optional (see <see cref="ColumnRequests.LabelOnlyColumns"/>).
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    public static CsvReadOptions ForPrediction(ExperimentConfig config, bool skipBadRows = false)
        => FromConfig(config.Data, skipBadRows) with { OptionalColumns = ColumnRequests.LabelOnlyColumns(config) };
}
