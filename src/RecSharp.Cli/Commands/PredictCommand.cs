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
    /// <summary>The name of the output column holding each row's line in the input file.</summary>
    public const string LineColumn = "line";

    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp predict --model runs/name --data new.csv --out scores.csv [--chunk-rows N] [--skip-bad-rows]

        Scores every row in chunks (so the file may be larger than memory) and writes one column per task, after the
        row's key. No labels are needed: a file with a header names its columns, so label columns may be absent; in a
        file without one (data.columns), a row may leave out the label columns no feature reads. Each row's key is
        its line in the input file ("line") and, when the experiment sets data.idColumn, that column's value
        first. With --skip-bad-rows, the rows skipped are counted and listed on the console, and their lines are absent
        from the output. The output appears only when every row is scored; it may be neither the input file nor a
        file in the run folder.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args, ["--model", "--data", "--out", "--chunk-rows"], ["--skip-bad-rows", "--verbose"]);
        string outPath = Path.GetFullPath(parsed.Require("--out"));
        int chunkRows = parsed.Get("--chunk-rows") is { } c ? int.TryParse(c, out int n) && n > 0 ? n : throw new UsageException($"--chunk-rows must be a positive integer, got \"{c}\"") : 50_000;
        string modelFolder = parsed.Require("--model");
        string dataPath = CommandPaths.RequireFile("--data", parsed.Require("--data"));
        CheckOutput(outPath, modelFolder, dataPath);
        using var stop = StopSignal.Listen();
        var run = RunArtifacts.Open(modelFolder, dataPath);
        using var model = run.Model;
        string? idColumn = run.Config.Data.IdColumn;
        var reader = CsvTableReader.ForPrediction(run.Config, parsed.Has("--skip-bad-rows"));
        var statistics = new TransformStatistics();
        var skipped = BadRowReport.None;
        long rows = 0;
        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            var keyColumns = idColumn is null ? [LineColumn] : new[] { idColumn, LineColumn };
            writer.WriteLine(string.Join(',', keyColumns.Concat(model.Tasks.Select(t => t.Name)).Select(CsvField)));
            foreach (var chunk in reader.ReadChunks(run.Config.Data.Path!, chunkRows))
            {
                stop.ThrowIfReceived();
                var table = run.Pipeline.Transform(chunk, statistics);
                var scores = model.Predict(table.ToInputDictionary(), batchSize: 1024);
                var ids = idColumn is null ? null : chunk[idColumn].Text;
                for (int i = 0; i < table.RowCount; i++)
                {
                    if (ids is not null) writer.Write(CsvField(ids[i] ?? "") + ",");
                    writer.Write(chunk.LineNumbers[i].ToString(CultureInfo.InvariantCulture));
                    for (int t = 0; t < model.Tasks.Count; t++)
                        writer.Write("," + scores[i, t].ToString("R", CultureInfo.InvariantCulture));
                    writer.WriteLine();
                }
                rows += table.RowCount;
                skipped = skipped.Combine(chunk.BadRows);
            }
        });
        long unseen = statistics.UnseenValues.Values.Sum();
        string keyText = idColumn is null ? "its input line" : $"its input line and {idColumn}";
        output.Writer.WriteLine($"Wrote {rows} rows of scores to {outPath}, each keyed by {keyText}" +
                                (unseen > 0 ? $" ({unseen} unseen categorical values mapped to the out-of-vocabulary id)" : ""));
        BadRowsNote.Write(output.Writer, skipped, dataPath);
        return 0;
    }

    // The scores must never replace what they are computed from.
    private static void CheckOutput(string outPath, string modelFolder, string dataPath)
    {
        if (Directory.Exists(outPath)) throw new UsageException($"--out {outPath} is a folder; give a file for the scores");
        if (CommandPaths.Same(outPath, dataPath))
            throw new UsageException($"--out {outPath} is the data file being scored; write the scores to another file");
        if (CommandPaths.Same(outPath, modelFolder) || CommandPaths.IsInside(outPath, modelFolder))
            throw new UsageException($"--out {outPath} is in the run folder {modelFolder}; write the scores elsewhere");
        string folder = Path.GetDirectoryName(outPath)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"--out {outPath}: the folder {folder} does not exist");
    }

    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
