namespace RecSharp.Bench.DataScale;

/// <summary><c>RecSharp.Bench data</c>: speed and memory of reading, fitting and encoding Parquet and CSV shards.
/// </summary>
internal static class DataCommand
{
    /// <summary>Runs the data benchmark; returns the exit code.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="log">Where progress goes.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = DataBenchOptions.Parse(args);
        var report = DataBenchRunner.Run(options, log);
        if (options.Json)
        {
            output.WriteLine(report.ToJson());
        }

        output.Write(report.ToMarkdown());
        return 0;
    }
}
