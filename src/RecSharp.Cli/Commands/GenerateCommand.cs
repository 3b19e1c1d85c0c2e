using System.Globalization;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Writing;
using RecSharp.Persistence;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp generate</c>: a built-in synthetic data set written to Parquet or CSV files of any size.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp generate --kind click-conversion|mmoe|census-like --rows N --out data.parquet|data.csv.gz
                          [--shards K] [--seed S]

        Writes N rows of a built-in generator (seed S, default 1024) as Parquet (.parquet) or CSV (.csv,
        gzip-compressed when the name ends in .gz), in chunks of 100,000 rows, so a data set of any size is made in
        bounded memory. With --shards K the rows are split in order over K files named <name>-00000<ext> … beside
        --out; a pattern such as 'data-*.parquet' reads them back as one data set. Existing files are never replaced,
        and each file appears only when it is complete. click-conversion: user_id, item_id, item_category,
        user_activity, item_price, click, conversion; mmoe: x0..x99, y1, y2; census-like: the 40 columns of the
        census layout with income_50k and never_married.
        """;

    private const int ChunkRows = 100_000;

    private static readonly Dictionary<string, SyntheticKind> Kinds = new(StringComparer.Ordinal)
    {
        ["click-conversion"] = SyntheticKind.ClickConversion,
        ["mmoe"] = SyntheticKind.Mmoe,
        ["census-like"] = SyntheticKind.CensusLike,
    };

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args, ["--kind", "--rows", "--out", "--shards", "--seed"], ["--verbose"]);
        var kindName = parsed.Require("--kind");
        var kind = Kinds.TryGetValue(kindName, out var k)
            ? k
            : throw new UsageException($"--kind must be one of {string.Join(", ", Kinds.Keys)}, got \"{kindName}\"");
        var rows = Number(parsed.Require("--rows"), "--rows", minimum: 0);
        var shards = (int)Math.Min(Number(parsed.Get("--shards") ?? "1", "--shards", minimum: 1), int.MaxValue);
        var seed = (int)Math.Clamp(Number(parsed.Get("--seed") ?? "1024", "--seed", minimum: 0), 0, int.MaxValue);
        var paths = DataFileWriter.ShardPaths(Path.GetFullPath(parsed.Require("--out")), shards);
        if (paths.FirstOrDefault(File.Exists) is { } existing)
            throw new IOException($"{existing} exists; recsharp generate does not replace files, choose another --out");

        Directory.CreateDirectory(Path.GetDirectoryName(paths[0])!);
        SyntheticRows.Create(kind, seed).WriteShards(rows, paths, ChunkRows, AtomicFile.Write);
        string written = shards == 1 ? paths[0] : $"{shards} files, {paths[0]} … {paths[^1]}";
        output.Writer.WriteLine($"Wrote {rows} rows of {kindName} data to {written}");
        return 0;
    }

    private static long Number(string text, string option, long minimum) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= minimum
            ? n
            : throw new UsageException($"{option} must be an integer of at least {minimum}, got \"{text}\"");
}
