using System.Globalization;
using RecSharp.Cli.CommandLine;
using RecSharp.Cli.Display;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Persistence;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp predict</c>: one score column per task for every row of a file, streamed in chunks.</summary>
public static class PredictCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp predict --model runs/name --data new.csv --out scores.csv [--chunk-rows N] [--skip-bad-rows]

        Scores every row in chunks (so the file may be larger than memory) and writes one column per task; the output
        appears only when every row is scored.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args, ["--model", "--data", "--out", "--chunk-rows"], ["--skip-bad-rows", "--verbose"]);
        string outPath = parsed.Require("--out");
        int chunkRows = parsed.Get("--chunk-rows") is { } c ? int.TryParse(c, out int n) && n > 0 ? n : throw new UsageException($"--chunk-rows must be a positive integer, got \"{c}\"") : 50_000;
        var run = RunArtifacts.Open(parsed.Require("--model"), parsed.Require("--data"));
        using var model = run.Model;
        var reader = DataSource.ForExperiment(run.Config, includeLabels: false,
            skipBadRows: parsed.Has("--skip-bad-rows"));
        var statistics = new TransformStatistics();
        long rows = 0;
        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.WriteLine(string.Join(',', model.Tasks.Select(t => t.Name)));
            foreach (var chunk in reader.ReadChunks(chunkRows))
            {
                var table = run.Pipeline.Transform(chunk, statistics);
                var scores = model.Predict(table.ToInputDictionary(), batchSize: 1024);
                for (int i = 0; i < table.RowCount; i++)
                    writer.WriteLine(string.Join(',', Enumerable.Range(0, model.Tasks.Count).Select(t => scores[i, t].ToString("R", CultureInfo.InvariantCulture))));
                rows += table.RowCount;
            }
        });
        long unseen = statistics.UnseenValues.Values.Sum();
        output.Writer.WriteLine($"Wrote {rows} rows of scores to {outPath}" + (unseen > 0 ? $" ({unseen} unseen categorical values mapped to the out-of-vocabulary id)" : ""));
        return 0;
    }
}
