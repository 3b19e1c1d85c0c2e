using RecSharp.Data.Configuration;
using RecSharp.Data.Reading.ParquetFiles;

namespace RecSharp.Data.Reading;

/// <summary>
/// Reads a Parquet file row group by row group, column by column, into the requested columns; columns are matched by
/// name. Integers, booleans and strings read as categories; integers, floats, decimals, booleans (1/0) and strings
/// holding numbers read as numbers; lists of integers, booleans or strings read as sequences. Nulls are missing values,
/// and strings are trimmed and compared with the missing-value markers as text fields are. Rows are numbered from 1
/// in messages. A file that is not Parquet, is truncated or corrupt, lacks a requested column or holds a type its use
/// cannot read raises <see cref="DataFormatException"/>; bad rows are refused or skipped as in
/// <see cref="CsvTableReader"/>.
/// </summary>
public sealed class ParquetTableReader : TableReader
{
    private readonly CsvReadOptions options;
    private readonly IReadOnlyList<ColumnRequest> requests;

    /// <summary>Creates a reader for the given columns.</summary>
    /// <param name="options">
    /// The missing-value markers, trimming and bad-row handling (the text layout settings do not apply).
    /// </param>
    /// <param name="requests">The columns to keep; see <see cref="ColumnRequests"/>.</param>
    public ParquetTableReader(CsvReadOptions options, IReadOnlyList<ColumnRequest> requests)
    {
        this.options = options with { HasHeader = true };
        this.requests = ColumnRequests.Merge(requests);
    }

    /// <summary>A reader for an experiment's feature columns and (optionally) label columns.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="includeLabels">False to read prediction inputs that have no label columns.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    public static ParquetTableReader ForExperiment(
        ExperimentConfig config, bool includeLabels = true, bool skipBadRows = false)
        => new(
            CsvReadOptions.FromConfig(config.Data, skipBadRows),
            ColumnRequests.ForExperiment(config, includeLabels));

    /// <inheritdoc />
    private protected override IEnumerable<RawTable> ReadChunksOf(string path, int rowsPerChunk)
    {
        using var file = ParquetSource.Open(path);
        var names = file.Names;
        var chunks = new RowChunks(new ChunkBuilder(path, names, requests, options, RowNumbering.Rows), rowsPerChunk);
        var plans = ParquetColumnPlan.ForRequests(path, file.Fields, names, requests);
        var number = 0;
        for (var group = 0; group < file.RowGroupCount; group++)
        {
            var (rows, columns) = file.ReadRowGroup(group, plans);
            for (var row = 0; row < rows; row++)
            {
                chunks.Current.Add(columns, row, ++number);
                if (chunks.TakeFull() is { } full)
                {
                    yield return full;
                }
            }
        }

        if (chunks.TakeLast() is { } last)
        {
            yield return last;
        }
    }
}
