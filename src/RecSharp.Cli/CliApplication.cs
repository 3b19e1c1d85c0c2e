using System.Reflection;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Cli.Commands;

namespace RecSharp.Cli;

/// <summary>
/// The <c>recsharp</c> command line. Exit codes: 0 success, 1 any failure (bad input, configuration or file, an
/// unreadable or unwritable path, libtorch, memory), 2 usage error, 130 and 143 when SIGINT or SIGTERM stopped it.
/// Errors are one line on standard error (with the stack trace only under <c>--verbose</c>).
/// </summary>
internal static class CliApplication
{
    private const string Commands = """
        usage: recsharp <command> [options]

        commands:
          train      train a model from an experiment file (or the built-in example) and evaluate it
          evaluate   a trained model's metrics on a labelled file
          predict    score a file with a trained model
          export     write a trained model as ONNX, with its fitted preprocessing beside it
          generate   write a built-in synthetic data set to Parquet or CSV files
          serve      answer predictions over HTTP with a trained model

        Run 'recsharp <command> --help' for a command's options, 'recsharp --version' for the version.
        """;

    /// <summary>
    /// The version line: the tool's version (with the commit it was built from, when known) and TorchSharp's, e.g.
    /// <c>recsharp 0.1.0 (commit 20302b9, TorchSharp 0.107.0)</c>.
    /// </summary>
    public static string VersionLine { get; } = BuildVersionLine();

    /// <summary>Runs a command line with plain output (no live progress or terminal tables); returns the exit
    /// code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, new CliOutput(output), error);

    /// <summary>Runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, CliOutput output, TextWriter error)
    {
        bool verbose = args.Contains("--verbose");
        try
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                output.Writer.WriteLine($"{VersionLine}: multi-task recommendation models\n\n{Commands}");
                return args.Length == 0 ? 2 : 0;
            }
            if (args[0] is "--version" or "version")
            {
                output.Writer.WriteLine(VersionLine);
                return 0;
            }
            var (help, run) = args[0] switch
            {
                "train" => (TrainCommand.Help, (Func<IReadOnlyList<string>, CliOutput, int>)TrainCommand.Run),
                "evaluate" => (EvaluateCommand.Help, EvaluateCommand.Run),
                "predict" => (PredictCommand.Help, PredictCommand.Run),
                "export" => (ExportCommand.Help, ExportCommand.Run),
                "generate" => (GenerateCommand.Help, GenerateCommand.Run),
                "serve" => (ServeCommand.Help, ServeCommand.Run),
                _ => throw new UsageException($"unknown command \"{args[0]}\"; use train, evaluate, predict, export, "
                    + "generate or serve (or --help, --version)"),
            };
            if (args.Contains("--help") || args.Contains("-h"))
            {
                output.Writer.WriteLine(help);
                return 0;
            }
            return run(args.Skip(1).ToArray(), output);
        }
        catch (Exception e)
        {
            return FailureMessage.Report(e, error, verbose);
        }
    }

    private static string BuildVersionLine()
    {
        string informational = typeof(CliApplication).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        string version = plus < 0 ? informational : informational[..plus];
        string revision = plus < 0 ? "" : informational[(plus + 1)..];
        string commit = revision.Length == 0 ? "" : $"commit {revision[..Math.Min(7, revision.Length)]}, ";
        var torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version;
        return $"recsharp {version} ({commit}TorchSharp {torchSharp?.ToString(3)})";
    }
}
