using RecSharp.Bench.CommandLine;
using RecSharp.Bench.Micro;
using RecSharp.Bench.Reporting;
using RecSharp.Bench.Running;
using RecSharp.Bench.Scaling;
using RecSharp.Cli.CommandLine;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Inputs;
using RecSharp.Runtime;

namespace RecSharp.Bench;

/// <summary>
/// The benchmark command line. Exit codes: 0 success, 1 bad input or configuration, 2 usage error. Results go to
/// standard output (the JSON line first with <c>--json</c>, then the Markdown table); progress goes to standard error.
/// </summary>
public static class BenchApplication
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        RecSharp benchmarks

        usage:
          RecSharp.Bench census    [--data census-income.test.gz] [--config experiment.yaml] [options]
          RecSharp.Bench synthetic [--generator click|mmoe] [--rows N] [options]
          RecSharp.Bench micro     [--threads N] [BenchmarkDotNet arguments, e.g. --filter '*Cgc*']
          mpirun -np N RecSharp.Bench scaling census|synthetic [options]

        scaling trains data-parallel over the job's N MPI ranks (MPICH) with --threads per rank, and reports rows/s,
        the step, the gradient allreduce per step and its share, the bytes exchanged, and the direct against MPI.NET's
        managed allreduce (--json, --out, --dry-run, --model, --data, --epochs, --batch, --warmup-batches apply).

        census trains on the census experiment's 80% and measures on its 20% (examples/census/experiment.yaml);
        synthetic uses RecSharp.Data's generators (80/20 split).

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
        """;

    /// <summary>Runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
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
            if (args[0] == "scaling") return ScalingCommand.Run(args[1..], output, error);
            if (args[0] is not ("census" or "synthetic")) throw new UsageException($"unknown command \"{args[0]}\"; use census, synthetic or micro");
            if (args.Contains("--help") || args.Contains("-h"))
            {
                output.WriteLine(Usage);
                return 0;
            }
            var options = BenchOptionsParser.Parse(args[0], args[1..]);
            var report = BenchRunner.Run(options, error);
            if (options.Json) output.WriteLine(ReportJson.Serialize(report));
            string markdown = ReportMarkdown.Format(report);
            output.Write(markdown);
            if (options.OutPath is { } outPath) Save(outPath, report, markdown, error);
            return 0;
        }
        catch (UsageException e)
        {
            error.WriteLine($"RecSharp.Bench: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ConfigurationException or DataFormatException or InputValidationException or NativeLibraryLoadException or FileNotFoundException
                                       or DirectoryNotFoundException or ArgumentException or InvalidOperationException or IOException)
        {
            error.WriteLine($"RecSharp.Bench: {e.Message}");
            return 1;
        }
    }

    /// <summary>Writes <c>&lt;stem&gt;.json</c> (indented) and <c>&lt;stem&gt;.md</c>, where the stem is <paramref name="outPath"/> without a .json or .md extension.</summary>
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
