using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Application.Preparation;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Tables;
using RecSharp.Distributed;
using RecSharp.Mpi;

namespace RecSharp.Application.Distributed;

/// <summary>
/// The MPI job a command runs in with <c>--distributed mpi</c> (started as <c>mpirun -np N recsharp …</c>): every rank
/// runs the same command; rank 0 fits the preprocessing, shows the output and writes the files, and each rank works
/// on its share of the rows. A rank that fails prints its line, naming itself, and ends the whole job (MPI_Abort), so
/// that no rank waits for it forever.
/// </summary>
internal sealed class DistributedJob : IDisposable
{
    private RankRows? _byFiles;
    private long[]? _trainingRows;
    private long[]? _rowsRead;

    private DistributedJob(MpiProcessGroup group)
    {
        Group = group;
    }

    /// <summary>The ranks.</summary>
    public MpiProcessGroup Group { get; }

    /// <summary>This process's rank.</summary>
    public int Rank => Group.Rank;

    /// <summary>The number of ranks.</summary>
    public int Size => Group.Size;

    /// <summary>Whether this rank writes the output and files (rank 0).</summary>
    public bool IsWriter => Rank == 0;

    /// <summary>The job for <c>--distributed</c>'s value (<c>mpi</c>), or null when the option is absent.</summary>
    public static DistributedJob? Start(string? mode) => mode switch
    {
        null => null,
        "mpi" => new DistributedJob(MpiProcessGroup.Start()),
        _ => throw new UsageException($"--distributed takes mpi, got \"{mode}\""),
    };

    /// <summary>
    /// Runs <paramref name="command"/> on this rank. A stop by signal, which every rank agrees on, ends it as usual;
    /// any other failure prints its line and ends every rank with the command's exit code.
    /// </summary>
    public int Run(Func<int> command, bool verbose)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is not StopRequestedException)
        {
            int code = FailureMessage.Report(e, Console.Error, verbose, $"recsharp (rank {Rank} of {Size})");
            Group.Abort(code);
            return code;
        }
    }

    /// <summary>The output of this rank: <paramref name="output"/> on rank 0, nothing elsewhere.</summary>
    public CliOutput Output(CliOutput output) => IsWriter ? output : new CliOutput(TextWriter.Null);

    /// <summary>Fits the preprocessing on rank 0 and gives every rank that very pipeline.</summary>
    public FittedPipeline FitOnRankZero(Func<FittedPipeline> fit)
    {
        var fitted = IsWriter ? fit() : null;
        byte[] json = Group.Broadcast(fitted is null ? [] : Encoding.UTF8.GetBytes(fitted.ToJson()));
        return fitted ?? FittedPipeline.FromJson(Encoding.UTF8.GetString(json));
    }

    /// <summary>This rank's rows of <paramref name="table"/>: row i when i mod ranks is this rank.</summary>
    public ColumnarTable Shard(ColumnarTable table) => table.Slice(DataShard.Rows(table.RowCount, Rank, Size));

    /// <summary>
    /// This rank's training, validation and test rows of <paramref name="data"/>: those of its files when the ranks
    /// divide a sharded source's files (<see cref="PreparedData.RankRows"/>), else row i when i mod ranks is this
    /// rank. Every rank calls it: the ranks learn each other's training rows and rows read, which
    /// <see cref="Describe"/> reports.
    /// </summary>
    public (ColumnarTable Train, ColumnarTable Validation, ColumnarTable Test) Share(PreparedData data)
    {
        _byFiles = data.RankRows;
        var (train, validation, test) = data.RankRows is { } rows
            ? (data.Train.Slice(rows.Train), data.Validation.Slice(rows.Validation), data.Test.Slice(rows.Test))
            : (Shard(data.Train), Shard(data.Validation), Shard(data.Test));
        long[] mine = [train.RowCount, validation.RowCount, test.RowCount, data.RankRows?.RowsRead ?? -1];
        var all = Group.AllGather(MemoryMarshal.AsBytes(mine.AsSpan()).ToArray())
            .Select(bytes => MemoryMarshal.Cast<byte, long>(bytes).ToArray()).ToArray();
        _trainingRows = all.Select(a => a[0]).ToArray();
        ValidationRows = all.Sum(a => a[1]);
        TestRows = all.Sum(a => a[2]);
        _rowsRead = all.Select(a => a[3]).ToArray();
        return (train, validation, test);
    }

    /// <summary>
    /// The validation rows of every rank together, once <see cref="Share"/> ran: whether the ranks validate, which they
    /// must decide alike (a rank may hold none of them).
    /// </summary>
    public long ValidationRows { get; private set; }

    /// <summary>The test rows of every rank together, once <see cref="Share"/> ran.</summary>
    public long TestRows { get; private set; }

    /// <summary>
    /// This rank's rows of <paramref name="count"/> rows numbered from <paramref name="first"/> in a stream.
    /// </summary>
    public int[] RowsOf(long first, int count) =>
        Enumerable.Range(0, count).Where(i => (first + i) % Size == Rank).ToArray();

    /// <summary>
    /// Every rank's scores <c>(rows, tasks)</c> of a chunk of <paramref name="count"/> rows numbered from
    /// <paramref name="first"/>, in the chunk's order: each rank passes those of its rows (<see cref="RowsOf"/>).
    /// </summary>
    public double[,] Interleave(double[,] mine, int count, long first)
    {
        int tasks = mine.GetLength(1);
        var bytes = new byte[Buffer.ByteLength(mine)];
        Buffer.BlockCopy(mine, 0, bytes, 0, bytes.Length);
        var parts = Group.AllGather(bytes);
        var result = new double[count, tasks];
        var next = new int[Size];
        int rowBytes = tasks * sizeof(double);
        for (int i = 0; i < count; i++)
        {
            int rank = (int)((first + i) % Size);
            Buffer.BlockCopy(parts[rank], next[rank]++ * rowBytes, result, i * rowBytes, rowBytes);
        }
        return result;
    }

    /// <summary>The sum of <paramref name="value"/> over the ranks.</summary>
    public long Sum(long value)
    {
        Span<double> total = [value];
        Group.AllReduceSum(total);
        return (long)total[0];
    }

    /// <summary>
    /// The signal that stops every rank: any rank's, SIGTERM before SIGINT (see <see cref="StopSignal.Agreement"/>).
    /// </summary>
    public PosixSignal? AgreeOnSignal(PosixSignal? mine)
    {
        Span<double> votes = [mine is null ? 0 : 1, mine == PosixSignal.SIGTERM ? 1 : 0];
        Group.AllReduceSum(votes);
        return votes[0] == 0 ? null : votes[1] > 0 ? PosixSignal.SIGTERM : PosixSignal.SIGINT;
    }

    /// <summary>
    /// libtorch threads per rank when the experiment sets none: the machine's logical processors shared among the
    /// ranks MPICH's launcher started on it (<c>MPI_LOCALNRANKS</c>).
    /// </summary>
    public int ThreadsPerRank()
    {
        int local = int.TryParse(Environment.GetEnvironmentVariable("MPI_LOCALNRANKS"), out int n) && n > 0 ? n : 1;
        return Math.Max(1, Environment.ProcessorCount / local);
    }

    /// <summary>
    /// What <c>report.json</c> says of the job: its ranks, the global batch, how the ranks divide the data and, once
    /// <see cref="Share"/> ran, each rank's training rows (and, dividing files, the rows each rank read).
    /// </summary>
    public JsonObject Describe(int batchSize)
    {
        var description = new JsonObject
        {
            ["backend"] = "mpi",
            ["ranks"] = Size,
            ["batch_size_per_rank"] = batchSize,
            ["global_batch_size"] = (long)batchSize * Size,
            ["divided_by"] = _byFiles is null ? "rows" : "files",
        };
        if (_trainingRows is { } rows) description["training_rows_per_rank"] = new JsonArray(Numbers(rows));
        if (_byFiles is not null && _rowsRead is { } read)
            description["rows_read_per_rank"] = new JsonArray(Numbers(read));
        return description;
    }

    /// <summary>The line the log shows at the start of training (after <see cref="Share"/>).</summary>
    public string Summary(int batchSize) =>
        $"Data-parallel over {Size} MPI ranks: rank r trains on the rows " +
        (_byFiles is { } files ? $"of the files i (of {files.Files}) with i mod {Size} = r"
            : $"i with i mod {Size} = r") +
        $", with batch {batchSize}, so a step's global batch is {(long)batchSize * Size} rows ({Size} × {batchSize}).";

    private static JsonNode?[] Numbers(long[] values) => values.Select(v => (JsonNode?)v).ToArray();

    /// <summary>Ends MPI on this rank.</summary>
    public void Dispose() => Group.Dispose();
}
