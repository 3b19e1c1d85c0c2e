using RecSharp.Application.CommandLine;
using RecSharp.Bench.CommandLine;
using RecSharp.Bench.DataScale;
using RecSharp.Bench.Micro;
using RecSharp.Bench.PaperMmoe;
using RecSharp.Bench.Profiling;
using RecSharp.Bench.Reporting;
using RecSharp.Bench.Running;
using RecSharp.Bench.Scaling;
using RecSharp.Bench.Serving;
using RecSharp.Bench.Streaming;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Inputs;
using RecSharp.Runtime;
using Spectre.Console;

namespace RecSharp.Bench;

/// <summary>
/// The benchmark command line. Exit codes: 0 success, 1 bad input or configuration, 2 usage error. Results go to
/// standard output (the JSON line first with <c>--json</c>, then the Markdown table); progress goes to standard error.
/// </summary>
internal static class BenchApplication
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        RecSharp benchmarks

        usage:
          RecSharp.Bench census    [--data census-income.test.gz] [--config experiment.yaml] [options]
          RecSharp.Bench synthetic [--generator click|mmoe] [--rows N] [options]
          RecSharp.Bench micro     [--threads N] [BenchmarkDotNet arguments, e.g. --filter '*Cgc*']
          RecSharp.Bench step-profile [census|synthetic] [options]   the training step's parts, then Fit's step
          RecSharp.Bench paper-mmoe [--repeats N] [--correlations 1,0.9,0.5,0] [--models sharedbottom,mmoe,cgc,ple]
                                    [--alpha normal|index] [--train-rows N] [--test-rows N] [--epochs N] [--batch N]
                                    [--lr X] [--seed N] [--threads N] [--json] [--out PATH] [--dry-run]
          RecSharp.Bench data      [--rows N] [--shards K] [--folder DIR] [--json] [--dry-run]
          RecSharp.Bench stream    [--data 'people-*.parquet'] [--census census.gz] [--threads N] [--json] [--dry-run]
          RecSharp.Bench serve     [--model runs/name] [--data rows.csv] [serve options]

          mpirun -np N RecSharp.Bench scaling census|synthetic [options]

        scaling trains data-parallel over the job's N MPI ranks (MPICH) with --threads per rank, and reports rows/s,
        the step, the gradient allreduce per step and its share, the bytes exchanged, and the direct against MPI.NET's
        managed allreduce (--json, --out, --dry-run, --model, --data, --epochs, --batch, --warmup-batches apply).

        census trains on the census experiment's 80% and measures on its 20% (examples/census/experiment.yaml);
        synthetic uses RecSharp.Data's generators (80/20 split). data writes N census-like rows as Parquet and as
        gzip CSV shards, then measures reading each, the streaming preprocessing fit and the encoding (rows/s, MB/s,
        peak working set); the files are kept in --folder, or written to a temporary folder and deleted.
        stream trains one epoch of the census-like MMOE streamed from --data (files made by recsharp generate
        --kind census-like), and one epoch of the census PLE from a Parquet copy of --census, streamed and in memory,
        as recsharp train does (rows/s, peak working set of the process: run one size per process).
        paper-mmoe reproduces the MMoE paper's synthetic experiment (test MSE against task correlation, 10 seeds each;
        --alpha index: the reference generator's α_j = j, β_j = (j-1)²); --out writes PATH's stem as .md, .json, .png.

        options:
          --model ple|cgc|mmoe|sharedbottom|esmm   the model (default: the workload's, PLE)
          --epochs N --batch N                     training (default: the workload's, 1 epoch of 256)
          --threads N                              libtorch threads (default: libtorch's choice)
          --warmup-batches N                       training steps left out of the throughput (default 20)
          --predict-batch N                        batch of the prediction throughput (default 1024)
          --predict-seconds S                      prediction passes repeat for at least S seconds (default 3)
          --latency-calls N                        timed single-row calls, at least 1000 (default 2000)
          --json                                   print the result as one JSON line before the table
          --out PATH                               save PATH's stem as .json and .md
          --dry-run                                tiny data, few steps and calls: proves the benchmark works

        serve starts recsharp serve's server on a loopback port (without --model, on the census experiment trained
        now by recsharp train) and loads it from this process: one-row and candidate requests at each concurrency,
        for each backend, each measurement ending after a fixed number of requests or a time limit.

        serve options:
          --backend torch,onnx        the backends (default both)     --concurrency 1,8,64   clients (default 1,8,64)
          --candidates N              rows of a candidate request (default 100)
          --requests N --seconds S    per measurement: at most N requests (default 5000), S seconds (default 15)
          --threads N                 libtorch's and ONNX Runtime's threads
          --max-batch N               the server's batch size (default 256)
          --max-delay-ms N            the server's batching delay (default 2)
          --json --out PATH --dry-run as above
        """;

    /// <summary>Runs a command line; returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where progress and errors go.</param>
    /// <param name="terminal">
    /// <paramref name="error"/> as an interactive console, for live progress bars; null for plain progress lines.
    /// </param>
    public static int Run(string[] args, TextWriter output, TextWriter error, IAnsiConsole? terminal = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                output.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            if (args[0] == "micro") return MicroCommand.Run(args[1..]);
            if (args[0] == "data") return DataCommand.Run(args[1..], output, error);
            if (args[0] == "stream") return StreamCommand.Run(args[1..], output, error);
            if (args[0] == "scaling") return ScalingCommand.Run(args[1..], output, error);
            if (args[0] == "step-profile") return StepProfile.Run(args[1..], output, error);
            if (args[0] is not ("census" or "synthetic" or "paper-mmoe" or "serve"))
            {
                throw new UsageException(
                    $"unknown command \"{args[0]}\"; use census, synthetic, micro, step-profile, data, stream, " +
                    "paper-mmoe, serve or scaling");
            }
            if (args.Contains("--help") || args.Contains("-h"))
            {
                output.WriteLine(Usage);
                return 0;
            }
            if (args[0] == "paper-mmoe")
            {
                PaperMmoeCommand.Run(args[1..], output, error, terminal);
                return 0;
            }
            if (args[0] == "serve") return ServeBenchCommand.Run(args[1..], output, error);
            var options = BenchOptionsParser.Parse(args[0], args[1..]);
            var report = BenchRunner.Run(options, error);
            if (options.Json) output.WriteLine(ReportJson.Serialize(report));
            string markdown = ReportMarkdown.Format(report);
            output.Write(markdown);
            if (options.OutPath is { } outPath)
                Save(outPath, ReportJson.Serialize(report, indented: true), markdown, error);
            return 0;
        }
        catch (UsageException e)
        {
            error.WriteLine($"RecSharp.Bench: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ConfigurationException or DataFormatException or InputValidationException
            or NativeLibraryLoadException or FileNotFoundException
                                       or DirectoryNotFoundException or ArgumentException or InvalidOperationException
                                           or IOException)
        {
            error.WriteLine($"RecSharp.Bench: {e.Message}");
            return 1;
        }
    }

    /// <summary>Writes <c>&lt;stem&gt;.json</c> (indented) and <c>&lt;stem&gt;.md</c>, where the stem is <paramref
    /// name="outPath"/> without a .json or .md extension.</summary>
    private static void Save(string outPath, BenchReport report, string markdown, TextWriter log) =>
        Save(outPath, ReportJson.Serialize(report, indented: true), markdown, log);

    /// <summary>
    /// Writes <c>&lt;stem&gt;.json</c> and <c>&lt;stem&gt;.md</c>, where the stem is <paramref name="outPath"/>
    /// without a .json or .md extension.
    /// </summary>
    internal static void Save(string outPath, string json, string markdown, TextWriter log)
    {
        string full = Path.GetFullPath(outPath);
        string stem = Path.GetExtension(full) is ".json" or ".md" ? Path.ChangeExtension(full, null) : full;
        Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
        File.WriteAllText(stem + ".json", json + Environment.NewLine);
        File.WriteAllText(stem + ".md", markdown);
        log.WriteLine($"wrote {stem}.json and {stem}.md");
    }
}
