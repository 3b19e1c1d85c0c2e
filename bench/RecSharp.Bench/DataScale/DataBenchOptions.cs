using System.Globalization;
using RecSharp.Application.CommandLine;

namespace RecSharp.Bench.DataScale;

/// <summary>What the data benchmark measures: the size of the generated census-like data and where it goes.</summary>
/// <param name="Rows">The rows generated.</param>
/// <param name="Shards">The files each format is split into.</param>
/// <param name="Folder">
/// Where the files are written and kept; null for a temporary folder deleted after the run.
/// </param>
/// <param name="ChunkRows">Rows per generated row group and per chunk read.</param>
/// <param name="Json">Print the result as one JSON line before the table.</param>
/// <param name="DryRun">Tiny data: proves the benchmark works.</param>
internal sealed record DataBenchOptions(
    long Rows, int Shards, string? Folder, int ChunkRows, bool Json, bool DryRun)
{
    /// <summary>Reads the options of <c>RecSharp.Bench data</c>.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <exception cref="UsageException">When an option is unknown or its value is not a positive number.</exception>
    public static DataBenchOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ["--rows", "--shards", "--folder"], ["--json", "--dry-run"]);
        var dryRun = parsed.Has("--dry-run");
        var rows = dryRun ? 2_000 : Positive(parsed, "--rows") ?? 200_000;
        var shards = dryRun ? 2 : (int)(Positive(parsed, "--shards") ?? Math.Max(1, rows / 1_000_000));
        return new DataBenchOptions(
            rows, shards, parsed.Get("--folder"), dryRun ? 500 : 100_000, parsed.Has("--json"), dryRun);
    }

    private static long? Positive(ParsedArguments parsed, string option)
        => parsed.Get(option) is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n > 0 && n <= int.MaxValue
                ? n
                : throw new UsageException($"{option} must be a positive integer, got \"{text}\"")
            : null;
}
