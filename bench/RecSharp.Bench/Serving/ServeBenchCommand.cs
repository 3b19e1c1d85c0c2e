using RecSharp.Bench.Reporting;

namespace RecSharp.Bench.Serving;

/// <summary><c>RecSharp.Bench serve</c>: the serving benchmark's command.</summary>
internal static class ServeBenchCommand
{
    /// <summary>
    /// Runs the benchmark; results go to <paramref name="output"/>, progress to <paramref name="log"/>.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = ServeBenchOptionsParser.Parse(args);
        var report = ServeBenchRunner.RunAsync(options, log).GetAwaiter().GetResult();
        if (options.Json) output.WriteLine(ReportJson.Serialize(report));
        string markdown = ServeReportMarkdown.Format(report);
        output.Write(markdown);
        if (options.OutPath is { } outPath)
            BenchApplication.Save(outPath, ReportJson.Serialize(report, indented: true), markdown, log);
        return 0;
    }
}
