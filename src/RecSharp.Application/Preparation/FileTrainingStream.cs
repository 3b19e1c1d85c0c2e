using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Streaming;
using RecSharp.Data.Tables;
using RecSharp.Training.Streaming;

namespace RecSharp.Application.Preparation;

/// <summary>
/// The rows of one role (training, validation or test) of a data source's files, read file by file in chunks and
/// encoded with the fitted preprocessing: a part per file.
/// </summary>
internal sealed class FileTrainingStream : ITrainingStream
{
    private readonly DataSource source;
    private readonly RowSplit? split;
    private readonly DataRole role;
    private readonly FittedPipeline pipeline;
    private readonly int chunkRows;

    /// <summary>
    /// Streams the rows of <paramref name="source"/> that <paramref name="split"/> gives <paramref name="role"/> (all
    /// without a split).
    /// </summary>
    /// <param name="source">The files.</param>
    /// <param name="split">The split of the files' rows, or null when all of them have the role.</param>
    /// <param name="role">The role streamed.</param>
    /// <param name="pipeline">The fitted preprocessing.</param>
    /// <param name="rows">How many rows have the role (counted while fitting the preprocessing).</param>
    /// <param name="chunkRows">Rows read at a time.</param>
    public FileTrainingStream(
        DataSource source, RowSplit? split, DataRole role, FittedPipeline pipeline, long rows, int chunkRows)
    {
        this.source = source;
        this.split = split;
        this.role = role;
        this.pipeline = pipeline;
        this.chunkRows = chunkRows;
        Rows = rows;
        Parts = source.Files.Select(f => f.Path).ToArray();
        Fingerprint = FingerprintOf(source.Files, rows);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Parts { get; }

    /// <inheritdoc />
    public long Rows { get; }

    /// <inheritdoc />
    public ulong Fingerprint { get; }

    /// <inheritdoc />
    public IEnumerable<TrainingChunk> ReadPart(int part)
    {
        var file = source.Files[part];
        return source.ReaderOf(file).ReadChunks(file.Path, chunkRows)
            .Select(chunk => split is null ? chunk : split.Keep(chunk, role))
            .Where(chunk => chunk.RowCount > 0)
            .Select(chunk => ToChunk(pipeline.Transform(chunk)));
    }

    /// <summary>Every part's rows, one part after another.</summary>
    public IEnumerable<TrainingChunk> ReadAll() => Enumerable.Range(0, Parts.Count).SelectMany(ReadPart);

    /// <summary>Encoded rows as a chunk for the model.</summary>
    /// <param name="table">The rows.</param>
    public static TrainingChunk ToChunk(ColumnarTable table) => new(table.ToInputDictionary(), table.Labels);

    // FNV-1a over the files' paths and sizes and the rows streamed: other files, or files that changed, differ.
    private static ulong FingerprintOf(IEnumerable<DataFile> files, long rows)
    {
        const ulong prime = 1099511628211;
        ulong hash = 14695981039346656037;
        var texts = files.Select(f => $"{f.Path}\n{new FileInfo(f.Path).Length}\n")
            .Append(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var text in texts)
        {
            foreach (var c in text)
            {
                hash ^= c;
                hash *= prime;
            }
        }

        return hash;
    }
}
