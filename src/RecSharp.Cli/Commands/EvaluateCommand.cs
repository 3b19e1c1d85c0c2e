using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Training;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp evaluate</c>: the trained model's metrics on a labelled file.</summary>
internal static class EvaluateCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp evaluate --model runs/name --data test.csv [--skip-bad-rows]

        Reads the labelled files (a file, folder or pattern) as the run's experiment describes, chunk by chunk, encodes
        them with the run's fitted preprocessing and prints each task's metrics; only the labels and scores are held.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args, ["--model", "--data"], ["--skip-bad-rows", "--verbose"]);
        var run = RunArtifacts.Open(parsed.Require("--model"),
            CommandPaths.RequireData("--data", parsed.Require("--data")));
        using var model = run.Model;
        bool skipBadRows = parsed.Has("--skip-bad-rows");
        var source = DataSource.ForExperiment(run.Config, includeLabels: true, skipBadRows: skipBadRows);
        var statistics = new TransformStatistics();
        var skipped = BadRowReport.None;
        ModelFactory.Compile(model, run.Config.Training);
        var metrics = model.Evaluate(source.ReadChunks(StreamingPreparation.ChunkRows).Select(chunk =>
        {
            skipped = skipped.Combine(chunk.BadRows);
            return FileTrainingStream.ToChunk(run.Pipeline.Transform(chunk, statistics));
        }), batchSize: 1024);
        output.Writer.WriteLine($"Evaluated {statistics.Rows} rows of {run.Config.Data.Path}");
        BadRowsNote.Write(output.Writer, skipped, run.Config.Data.Path!);
        MetricsTable.Write(output, model.Tasks.Select(t => t.Name).ToArray(), model.Setup()!.MetricNames, metrics);
        return 0;
    }
}
