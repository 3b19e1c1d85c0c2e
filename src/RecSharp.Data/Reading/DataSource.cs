using RecSharp.Data.Configuration;

namespace RecSharp.Data.Reading;

/// <summary>
/// The files a data path names (see <see cref="DataFiles"/>), each read by the reader of its format with the same
/// columns, checks and bad-row handling: delimited text through <see cref="CsvTableReader"/> (gzip and text checked
/// strictly), Parquet through <see cref="ParquetTableReader"/>.
/// </summary>
public sealed class DataSource
{
    private readonly CsvTableReader? csv;
    private readonly ParquetTableReader parquet;

    /// <summary>Resolves the path and prepares the readers.</summary>
    /// <param name="path">A file, a folder or a pattern.</param>
    /// <param name="format">The format of every file; null to infer each file's from its extension.</param>
    /// <param name="options">The text layout, missing-value markers and bad-row handling.</param>
    /// <param name="requests">The columns to keep; see <see cref="ColumnRequests"/>.</param>
    /// <exception cref="DataFormatException">When a pattern matches no file or a folder holds no data file.</exception>
    public DataSource(
        string path, DataFileFormat? format, CsvReadOptions options, IReadOnlyList<ColumnRequest> requests)
    {
        Path = path;
        Files = DataFiles.Resolve(path, format);
        csv = Files.Any(f => f.Format == DataFileFormat.Csv) ? new CsvTableReader(options, requests) : null;
        parquet = new ParquetTableReader(options, requests);
    }

    /// <summary>The configured path, file, folder or pattern.</summary>
    public string Path { get; }

    /// <summary>The files, in reading order.</summary>
    public IReadOnlyList<DataFile> Files { get; }

    /// <summary>The source of an experiment's data: its <c>data</c> section, features and (maybe) labels.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="includeLabels">False to read prediction inputs that have no label columns.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    /// <exception cref="ArgumentException">When <c>data.path</c> is not set.</exception>
    /// <exception cref="DataFormatException">When a pattern matches no file or a folder holds no data file.</exception>
    public static DataSource ForExperiment(ExperimentConfig config, bool includeLabels = true, bool skipBadRows = false)
        => new(
            PathOf(config),
            config.Data.Format,
            CsvReadOptions.FromConfig(config.Data, skipBadRows),
            ColumnRequests.ForExperiment(config, includeLabels));

    /// <summary>
    /// The source of the rows to score with an experiment's model: its features and <c>data.idColumn</c>, no labels.
    /// Files with a header and Parquet files may lack the label columns; in a file without a header, a row may leave
    /// out the label columns no feature reads (see <see cref="ColumnRequests.LabelOnlyColumns"/>) or hold them.
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    /// <exception cref="ArgumentException">When <c>data.path</c> is not set.</exception>
    /// <exception cref="DataFormatException">When a pattern matches no file or a folder holds no data file.</exception>
    public static DataSource ForPrediction(ExperimentConfig config, bool skipBadRows = false)
        => new(
            PathOf(config),
            config.Data.Format,
            CsvReadOptions.ForPrediction(config, skipBadRows),
            ColumnRequests.ForPrediction(config));

    /// <summary>Every file's rows in chunks of at most <paramref name="rowsPerChunk"/> rows, file after file.</summary>
    /// <param name="rowsPerChunk">The maximum rows per chunk.</param>
    public IEnumerable<RawTable> ReadChunks(int rowsPerChunk)
        => Files.SelectMany(f => ReaderOf(f).ReadChunks(f.Path, rowsPerChunk));

    /// <summary>Every file's rows in one table (named after <see cref="Path"/> when there are several files).</summary>
    /// <exception cref="DataFormatException">When a file cannot be read or (unless skipping) a row is bad.</exception>
    public RawTable ReadAll()
        => RawTable.Concat(Path, Files.SelectMany(f => ReaderOf(f).ReadChunks(f.Path, int.MaxValue)).ToArray());

    /// <summary>The reader of one of the files.</summary>
    /// <param name="file">One of <see cref="Files"/>.</param>
    public ITableReader ReaderOf(DataFile file)
        => file.Format == DataFileFormat.Parquet ? parquet : csv ?? throw new ArgumentException(
            $"{file.Path} is not one of the source's files", nameof(file));

    private static string PathOf(ExperimentConfig config) => config.Data.Path
        ?? throw new ArgumentException("data.path is not set; give it in the experiment file or with --data");
}
