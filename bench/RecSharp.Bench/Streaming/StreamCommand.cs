namespace RecSharp.Bench.Streaming;

/// <summary><c>RecSharp.Bench stream</c>: speed and memory of streaming training against training in memory.</summary>
internal static class StreamCommand
{
    /// <summary>Runs the streaming benchmark; returns the exit code.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="log">Where progress goes.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = StreamBenchOptions.Parse(args);
        var report = StreamBenchRunner.Run(options, log);
        if (options.Json)
        {
            output.WriteLine(report.ToJson());
        }

        output.Write(report.ToMarkdown());
        return 0;
    }
}
