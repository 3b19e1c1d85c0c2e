using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Application.Distributed;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Writing;
using RecSharp.Persistence;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp predict</c>: one score column per task for every row of a file, streamed in chunks.</summary>
internal static class PredictCommand
{
    /// <summary>The name of the output column holding each row's line in the input file.</summary>
    public const string LineColumn = "line";

    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp predict --model runs/name --data new.csv --out scores.csv|scores.parquet|folder/ [--chunk-rows N]
                         [--skip-bad-rows] [--overwrite] [--distributed mpi [--gather]]

        Scores every row in chunks (so the files may be larger than memory) and writes one column per task, after the
        row's key. No labels are needed: a file with a header and a Parquet file name their columns, so label columns
        may be absent; in a file without a header (data.columns), a row may leave out the label columns no feature
        reads. --data may be a file, a folder or a pattern of shards. Each row's key is its line (row position for
        Parquet) in the input file ("line") and, when the experiment sets data.idColumn, that column's value first.
        --out is written as Parquet for .parquet or .pq, gzip-compressed CSV for .gz, CSV otherwise. When --out is a
        folder (an existing one, or a path ending in /), each input file's scores go to a file of the same name and
        format in it, and no existing file is replaced. With --skip-bad-rows, the rows skipped are counted and listed
        on the console, and their lines are absent from the output. An output appears only when all its rows are
        scored; it may be neither an input file nor a file in the run folder, and an existing file is replaced only
        with --overwrite.

        mpirun -np N recsharp predict ... --distributed mpi scores on N processes (MPICH): rank r scores the rows i with
        i mod N = r and writes them to its own part, scores.part-<r>-of-<N>.csv beside --out; with --gather, rank 0
        collects every rank's scores and writes --out alone, in the input's order.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args, ["--model", "--data", "--out", "--chunk-rows", "--distributed"],
            ["--skip-bad-rows", "--verbose", "--gather", "--overwrite"]);
        if (parsed.Has("--gather") && parsed.Get("--distributed") is null)
            throw new UsageException("--gather needs --distributed mpi");
        using var job = DistributedJob.Start(parsed.Get("--distributed"));
        return job is null
            ? Predict(parsed, output, null)
            : job.Run(() => Predict(parsed, job.Output(output), job), parsed.Has("--verbose"));
    }

    // In a data-parallel job, every rank reads every chunk and scores its rows of it; they go to the rank's own part,
    // or, gathered, to rank 0's single output.
    private static int Predict(ParsedArguments parsed, CliOutput output, DistributedJob? job)
    {
        bool gather = parsed.Has("--gather");
        string outOption = parsed.Require("--out");
        string outPath = Path.GetFullPath(outOption);
        bool perShard = Directory.Exists(outPath) || Path.EndsInDirectorySeparator(outOption);
        if (perShard && job is not null)
        {
            throw new UsageException("--out as a folder (one output per input file) does not combine with " +
                                     "--distributed");
        }
        int chunkRows = parsed.Get("--chunk-rows") is { } c ? int.TryParse(c, out int n) && n > 0 ? n
            : throw new UsageException($"--chunk-rows must be a positive integer, got \"{c}\"") : 50_000;
        string modelFolder = parsed.Require("--model");
        string dataPath = CommandPaths.RequireData("--data", parsed.Require("--data"));
        bool overwrite = parsed.Has("--overwrite");
        if (!perShard) CheckOutput(outPath, modelFolder, dataPath, overwrite);
        string target = job is null || gather ? outPath : PartPath(outPath, job.Rank, job.Size);
        if (target != outPath) CheckOutput(target, modelFolder, dataPath, overwrite);
        using var stop = StopSignal.Listen();
        if (job is not null) stop.Agreement = job.AgreeOnSignal;
        var run = RunArtifacts.Open(modelFolder, dataPath);
        using var model = run.Model;
        string? idColumn = run.Config.Data.IdColumn;
        var reader = DataSource.ForPrediction(run.Config, parsed.Has("--skip-bad-rows"));
        if (perShard) CheckShardOutputs(outPath, modelFolder, reader.Files);
        var statistics = new TransformStatistics();
        var skipped = BadRowReport.None;
        long rows = 0;
        long read = 0;
        var tasks = model.Tasks.Select(t => t.Name).ToArray();
        IEnumerable<DataChunk> Scored(IEnumerable<RawTable> chunks)
        {
            foreach (var whole in chunks)
            {
                stop.ThrowIfReceived();
                long first = read;
                read += whole.RowCount;
                var mine = job is null ? whole : whole.Slice(job.RowsOf(first, whole.RowCount));
                var chunk = gather ? whole : mine;
                var table = run.Pipeline.Transform(mine, statistics);
                var scores = table.RowCount == 0
                    ? new double[0, model.Tasks.Count]
                    : model.Predict(table.ToInputDictionary(), batchSize: 1024);
                if (gather) scores = job!.Interleave(scores, whole.RowCount, first);
                rows += chunk.RowCount;
                skipped = skipped.Combine(whole.BadRows);
                yield return ScoreColumns.Of(chunk, scores, idColumn, tasks);
            }
        }
        if (perShard)
        {
            foreach (var file in reader.Files)
            {
                var chunks = Scored(reader.ReaderOf(file).ReadChunks(file.Path, chunkRows));
                AtomicFile.Write(ShardOutput(outPath, file.Path),
                    stream => DataFileWriter.Write(stream, file.Path, chunks));
            }
        }
        else if (job is { IsWriter: false } && gather)
        {
            foreach (var _ in Scored(reader.ReadChunks(chunkRows))) { }
        }
        else
        {
            AtomicFile.Write(target,
                stream => DataFileWriter.Write(stream, target, Scored(reader.ReadChunks(chunkRows))));
        }
        long unseen = statistics.UnseenValues.Values.Sum();
        string keyText = idColumn is null ? "its input line" : $"its input line and {idColumn}";
        if (job is not null && !gather)
        {
            (rows, unseen) = (job.Sum(rows), job.Sum(unseen));
            string first = PartPath(outPath, 0, job.Size);
            outPath = $"{job.Size} parts {first} to {PartPath(outPath, job.Size - 1, job.Size)}";
        }
        else if (job is not null)
        {
            unseen = job.Sum(unseen);
        }
        output.Writer.WriteLine($"Wrote {rows} rows of scores to {outPath}, each keyed by {keyText}" +
                                (unseen > 0
                                    ? $" ({unseen} unseen categorical values mapped to the out-of-vocabulary id)"
                                    : ""));
        BadRowsNote.Write(output.Writer, skipped, dataPath);
        return 0;
    }

    /// <summary>
    /// The file rank <paramref name="rank"/> of <paramref name="ranks"/> writes its scores to:
    /// <c>scores.part-0-of-2.csv</c> for <c>scores.csv</c>.
    /// </summary>
    public static string PartPath(string outPath, int rank, int ranks) => Path.Combine(Path.GetDirectoryName(outPath)!,
        $"{Path.GetFileNameWithoutExtension(outPath)}.part-{rank}-of-{ranks}{Path.GetExtension(outPath)}");

    /// <summary>
    /// Where the scores of input file <paramref name="file"/> go when --out is a folder: its name, in that folder.
    /// </summary>
    public static string ShardOutput(string folder, string file) => Path.Combine(folder, Path.GetFileName(file));

    // Per-shard outputs go into a new or existing folder outside the run, and replace no file (the inputs included).
    private static void CheckShardOutputs(string folder, string modelFolder, IReadOnlyList<DataFile> files)
    {
        if (CommandPaths.Same(folder, modelFolder) || CommandPaths.IsInside(folder, modelFolder))
            throw new UsageException($"--out {folder} is in the run folder {modelFolder}; write the scores elsewhere");
        var names = files.Select(f => Path.GetFileName(f.Path));
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new UsageException($"--out {folder} is a folder, but several input files are named {twice.Key}; " +
                                     "give a file for the scores");
        }
        if (files.Select(f => ShardOutput(folder, f.Path)).FirstOrDefault(File.Exists) is { } existing)
        {
            throw new UsageException($"--out {folder}: {existing} exists; scores write over no file, " +
                                     "so choose another folder");
        }
        Directory.CreateDirectory(folder);
    }

    // The scores must never replace what they are computed from, nor any other file unless --overwrite says so.
    private static void CheckOutput(string outPath, string modelFolder, string dataPath, bool overwrite)
    {
        if (Directory.Exists(outPath))
            throw new UsageException($"--out {outPath} is a folder; give a file for the scores");
        if (CommandPaths.Same(outPath, dataPath))
        {
            throw new UsageException(
                $"--out {outPath} is the data file being scored; write the scores to another file");
        }
        if (CommandPaths.Same(outPath, modelFolder) || CommandPaths.IsInside(outPath, modelFolder))
            throw new UsageException($"--out {outPath} is in the run folder {modelFolder}; write the scores elsewhere");
        if (File.Exists(outPath) && !overwrite)
        {
            throw new UsageException(
                $"--out {outPath} exists; recsharp predict replaces a file only with --overwrite");
        }
        string folder = Path.GetDirectoryName(outPath)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"--out {outPath}: the folder {folder} does not exist");
    }

}
