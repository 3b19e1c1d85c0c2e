using RecSharp.Application.CommandLine;


namespace RecSharp.Bench.Streaming;

/// <summary>What the streaming benchmark trains on.</summary>
/// <param name="Data">Generated census-like Parquet files (a file, folder or pattern); null for none.</param>
/// <param name="Census">The census CSV for the in-memory and streamed PLE comparison; null for none.</param>
/// <param name="Threads">libtorch's threads; null for its default.</param>
/// <param name="Json">Print the result as one JSON line before the table.</param>
/// <param name="DryRun">Tiny generated data for both parts: proves the benchmark works.</param>
internal sealed record StreamBenchOptions(string? Data, string? Census, int? Threads, bool Json, bool DryRun)
{
    /// <summary>Reads the options of <c>RecSharp.Bench stream</c>.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <exception cref="UsageException">When an option is unknown, or nothing is to be measured.</exception>
    public static StreamBenchOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ["--data", "--census", "--threads"], ["--json", "--dry-run"]);
        int? threads = parsed.Get("--threads") is { } text
            ? int.TryParse(text, out var n) && n > 0 ? n : throw new UsageException(
                $"--threads must be a positive integer, got \"{text}\"")
            : null;
        var options = new StreamBenchOptions(
            parsed.Get("--data"), parsed.Get("--census"), threads, parsed.Has("--json"), parsed.Has("--dry-run"));
        return options is { Data: null, Census: null, DryRun: false }
            ? throw new UsageException(
                "stream needs --data (generated census-like Parquet), --census (the census CSV) or --dry-run")
            : options;
    }
}
