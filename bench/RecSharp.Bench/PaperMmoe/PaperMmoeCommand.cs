using System.Text;
using RecSharp.Persistence;
using Spectre.Console;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// <c>paper-mmoe</c>: the synthetic experiment of the MMoE paper (Ma et al., KDD 2018, §3.2) over a grid of models,
/// task correlations and seeds. Prints the JSON line (with <c>--json</c>) and the Markdown table; with <c>--out</c>
/// also writes <c>&lt;stem&gt;.md</c>, <c>&lt;stem&gt;.json</c> and <c>&lt;stem&gt;.png</c>.
/// </summary>
internal static class PaperMmoeCommand
{
    /// <summary>
    /// Runs the command with its arguments (those after <c>paper-mmoe</c>); progress goes to
    /// <paramref name="terminal"/> when there is one, to <paramref name="log"/> otherwise.
    /// </summary>
    public static void Run(IReadOnlyList<string> args, TextWriter output, TextWriter log, IAnsiConsole? terminal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var options = PaperMmoeOptionsParser.Parse(args);
        int total = options.Models.Count * options.Correlations.Count * options.Repeats;
        log.WriteLine($"training {total} models: {options.Models.Count} models × {options.Correlations.Count} "
            + $"correlations × {options.Repeats} repeats");
        var report = PaperMmoeProgress.Run(terminal, log, total, finished => PaperMmoeRunner.Run(options, finished));
        string markdown = PaperMmoeMarkdown.Format(report);
        if (options.Json) output.WriteLine(PaperMmoeJson.Line(report));
        output.Write(markdown);
        if (options.OutPath is { } outPath) Save(outPath, report, markdown, log);
    }

    /// <summary>
    /// Writes <c>&lt;stem&gt;.md</c>, <c>.json</c> and <c>.png</c>, each atomically; the stem is
    /// <paramref name="outPath"/> without such an extension.
    /// </summary>
    private static void Save(string outPath, PaperMmoeReport report, string markdown, TextWriter log)
    {
        string full = Path.GetFullPath(outPath);
        string stem = Path.GetExtension(full) is ".json" or ".md" or ".png" ? Path.ChangeExtension(full, null) : full;
        Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
        byte[] png = PaperMmoePlot.RenderPng(report);
        string json = PaperMmoeJson.Full(report) + Environment.NewLine;
        AtomicFile.Write(stem + ".md", stream => stream.Write(Encoding.UTF8.GetBytes(markdown)));
        AtomicFile.Write(stem + ".json", stream => stream.Write(Encoding.UTF8.GetBytes(json)));
        AtomicFile.Write(stem + ".png", stream => stream.Write(png));
        log.WriteLine($"wrote {stem}.md, {stem}.json and {stem}.png");
    }
}
