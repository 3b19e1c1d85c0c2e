using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using RecSharp.Cli.CommandLine;
using RecSharp.Cli.Display;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Tables;
using RecSharp.Distributed;
using RecSharp.Mpi;

namespace RecSharp.Cli.Distributed;

/// <summary>
/// The MPI job a command runs in with <c>--distributed mpi</c> (started as <c>mpirun -np N recsharp …</c>): every rank
/// runs the same command; rank 0 fits the preprocessing, shows the output and writes the files, and each rank works
/// on its share of the rows. A rank that fails prints its line, naming itself, and ends the whole job (MPI_Abort), so
/// that no rank waits for it forever.
/// </summary>
internal sealed class DistributedJob : IDisposable
{
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
            int code = CliApplication.Report(e, Console.Error, verbose, $"recsharp (rank {Rank} of {Size})");
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

    /// <summary>What <c>report.json</c> says of the job: its ranks and the global batch.</summary>
    public JsonObject Describe(int batchSize) => new()
    {
        ["backend"] = "mpi",
        ["ranks"] = Size,
        ["batch_size_per_rank"] = batchSize,
        ["global_batch_size"] = (long)batchSize * Size,
    };

    /// <summary>The line the log shows at the start of training.</summary>
    public string Summary(int batchSize) =>
        $"Data-parallel over {Size} MPI ranks: rank r trains on the rows i with i mod {Size} = r, with batch " +
        $"{batchSize}, " +
        $"so a step's global batch is {(long)batchSize * Size} rows ({Size} × {batchSize}).";

    /// <summary>Ends MPI on this rank.</summary>
    public void Dispose() => Group.Dispose();
}
