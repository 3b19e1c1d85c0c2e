using System.Diagnostics;
using RecSharp.Bench.Reporting;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Writing;

namespace RecSharp.Bench.DataScale;

/// <summary>
/// Generates a census-like data set as Parquet and as gzip CSV shards, then reads each format through
/// <see cref="DataSource"/> in chunks, fits the census-like experiment's preprocessing in one streaming pass and
/// encodes every row with it, timing each phase and noting the peak working set after it.
/// </summary>
internal static class DataBenchRunner
{
    private const string Parquet = "parquet";
    private const string CsvGzip = "csv.gz";

    /// <summary>The census-like experiment, beside the benchmark.</summary>
    public static string Experiment
        => Path.Combine(AppContext.BaseDirectory, "Examples", "census-like-experiment.yaml");

    public static DataBenchReport Run(DataBenchOptions options, TextWriter log)
    {
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("recsharp-data-bench-").FullName;
        Directory.CreateDirectory(folder);
        if (options.Folder is not null && Directory.EnumerateFiles(folder, "people*").Any())
        {
            throw new IOException($"{folder} already holds people* files; the benchmark writes its own there");
        }

        try
        {
            var phases = new List<DataPhase>();
            foreach (var format in new[] { Parquet, CsvGzip })
            {
                phases.Add(Measure("generate", format, options.Rows, log, () => Generate(folder, format, options)));
            }

            var config = ExperimentConfigLoader.Load(Experiment);
            foreach (var format in new[] { Parquet, CsvGzip })
            {
                var source = Source(config, folder, format);
                phases.Add(Measure("read", format, options.Rows, log,
                    () => (source.ReadChunks(options.ChunkRows).Sum(c => (long)c.RowCount), Bytes(source))));
            }

            var parquet = Source(config, folder, Parquet);
            FittedPipeline? pipeline = null;
            phases.Add(Measure("fit", Parquet, options.Rows, log, () =>
            {
                var fit = new PreprocessingFit(config, parquet.Path);
                foreach (var chunk in parquet.ReadChunks(options.ChunkRows))
                {
                    fit.Add(chunk);
                }

                pipeline = fit.Finish();
                return (fit.RowCount, Bytes(parquet));
            }));
            phases.Add(Measure("encode", Parquet, options.Rows, log, () =>
            {
                var encoded = parquet.ReadChunks(options.ChunkRows).Sum(c => (long)pipeline!.Transform(c).RowCount);
                return (encoded, Bytes(parquet));
            }));
            var columns = CensusLikeGenerator.CategoricalColumns.Count + CensusLikeGenerator.NumericColumns.Count
                + CensusLikeGenerator.LabelColumns.Count;
            return new DataBenchReport(options.Rows, options.Shards, columns, phases, Describe(), options.DryRun);
        }
        finally
        {
            if (options.Folder is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static (long Rows, long Bytes) Generate(string folder, string format, DataBenchOptions options)
    {
        var paths = DataFileWriter.ShardPaths(Path.Combine(folder, $"people.{format}"), options.Shards);
        SyntheticRows.Create(SyntheticKind.CensusLike, seed: 1024).WriteShards(options.Rows, paths, options.ChunkRows,
            (path, write) =>
            {
                using var stream = File.Create(path);
                write(stream);
            });
        return (options.Rows, paths.Sum(p => new FileInfo(p).Length));
    }

    private static DataSource Source(ExperimentConfig config, string folder, string format)
        => DataSource.ForExperiment(config.WithDataPath(Path.Combine(folder, $"people*.{format}")));

    private static long Bytes(DataSource source) => source.Files.Sum(f => new FileInfo(f.Path).Length);

    private static DataPhase Measure(
        string name, string format, long rows, TextWriter log, Func<(long Rows, long Bytes)> run)
    {
        log.WriteLine($"{name} {format}: {rows:N0} rows…");
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var (done, bytes) = run();
        var seconds = clock.Elapsed.TotalSeconds;
        if (done != rows)
        {
            throw new InvalidOperationException($"{name} {format} handled {done} rows instead of {rows}");
        }

        using var process = Process.GetCurrentProcess();
        return new DataPhase(name, format, done, bytes, seconds, process.PeakWorkingSet64);
    }

    private static string Describe()
    {
        var machine = MachineInfo.Collect();
        return $"{machine.Cpu}, {machine.LogicalCores} cores, {machine.DotNet}, {machine.Build}, "
            + $"load {machine.LoadAverage}";
    }
}
