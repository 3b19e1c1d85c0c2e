using nietras.SeparatedValues;
using RecSharp.Data.Configuration;

namespace RecSharp.Data.Reading;

/// <summary>
/// Streams a delimited text file (optionally gzip-compressed) with Sep and keeps only the requested columns,
/// checking each row: field count, numbers, labels. Bad rows raise <see cref="DataFormatException"/>, or are
/// skipped and counted when <see cref="CsvReadOptions.SkipBadRows"/> is set. A broken file (truncated or corrupt
/// gzip, text that is not valid UTF-8, a runaway quote) raises it in either case.
/// </summary>
public sealed class CsvTableReader : TableReader
{
    private readonly CsvReadOptions options;
    private readonly IReadOnlyList<ColumnRequest> requests;

    /// <summary>Creates a reader for the given layout and columns.</summary>
    /// <param name="options">The file layout and bad-row handling.</param>
    /// <param name="requests">The columns to keep; see <see cref="ColumnRequests"/>.</param>
    public CsvTableReader(CsvReadOptions options, IReadOnlyList<ColumnRequest> requests)
    {
        if (!options.HasHeader && options.ColumnNames is not { Count: > 0 })
        {
            throw new ArgumentException("Without a header the column names must be given.", nameof(options));
        }

        this.options = options;
        this.requests = ColumnRequests.Merge(requests);
    }

    /// <summary>A reader for an experiment's data section, feature columns and (optionally) label columns.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="includeLabels">False to read prediction inputs that have no label columns.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    public static CsvTableReader ForExperiment(ExperimentConfig config, bool includeLabels = true,
        bool skipBadRows = false)
        => new(CsvReadOptions.FromConfig(config.Data, skipBadRows),
            ColumnRequests.ForExperiment(config, includeLabels));

    /// <summary>
    /// A reader for the rows to score with an experiment's model: the feature columns and <c>data.idColumn</c>, no
    /// labels.
    /// A file with a header may lack the label columns; in a file without one, a row may leave out the label columns
    /// (see <see cref="ColumnRequests.LabelOnlyColumns"/>) or hold them.
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    public static CsvTableReader ForPrediction(ExperimentConfig config, bool skipBadRows = false)
        => new(CsvReadOptions.ForPrediction(config, skipBadRows), ColumnRequests.ForPrediction(config));

    /// <inheritdoc />
    /// <remarks>A gzip file is detected by its suffix or content.</remarks>
    private protected override IEnumerable<RawTable> ReadChunksOf(string path, int rowsPerChunk)
    {
        using var text = DataFileOpener.OpenText(path);
        using var reader = Open(path, text);

        var names = options.HasHeader ? reader.Header.ColNames.ToArray() : options.ColumnNames!.ToArray();
        if (options.HasHeader && names.Length == 0)
        {
            throw new DataFormatException(path, 1, null, null, "the file is empty; a header line was expected");
        }

        var chunks = new RowChunks(new ChunkBuilder(path, names, requests, options), rowsPerChunk);
        while (reader.MoveNext())
        {
            // Without a header, Sep reports the first row's line as 2; every later row's line is right.
            var line = !options.HasHeader && reader.Current.RowIndex == 0 ? 1 : reader.Current.LineNumberFrom;
            chunks.Current.Add(reader.Current, line);
            if (chunks.TakeFull() is { } full)
            {
                yield return full;
            }
        }

        if (chunks.TakeLast() is { } last)
        {
            yield return last;
        }
    }

    // Sep refuses a header naming a column twice with a message of its own; the error names the file and column.
    private SepReader Open(string path, TextReader text)
    {
        try
        {
            return Sep.New(options.Separator).Reader(o => o with
            {
                HasHeader = options.HasHeader,
                DisableColCountCheck = true,
                Unescape = true,
                Trim = options.TrimSpaces ? SepTrim.All : SepTrim.None,
            }).From(text);
        }
        catch (ArgumentException) when (options.HasHeader)
        {
            using var again = DataFileOpener.OpenText(path);
            string twice = (again.ReadLine() ?? "").Split(options.Separator)
                .Select(name => options.TrimSpaces ? name.Trim() : name)
                .GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key ?? "";
            throw new DataFormatException(path, 1, twice, null, "the header names this column more than once");
        }
    }
}
