using RecSharp.Data.Reading;

namespace RecSharp.Application.Display;

/// <summary>The console line that says how many bad rows <c>--skip-bad-rows</c> skipped, and where.</summary>
internal static class BadRowsNote
{
    /// <summary>
    /// Writes, when rows were skipped, their count, the lines of the first <see cref="BadRowReport.KeptExamples"/> and
    /// the first reason; nothing otherwise.
    /// </summary>
    public static void Write(TextWriter output, BadRowReport? skipped, string file)
    {
        if (skipped is not { SkippedCount: > 0 }) return;
        long count = skipped.SkippedCount;
        string lines = string.Join(", ", skipped.FirstLineNumbers)
            + (count > skipped.FirstLineNumbers.Count ? ", …" : "");
        string first = skipped.FirstReasons.Count > 0 ? $"; first: {skipped.FirstReasons[0]}" : "";
        string s = count == 1 ? "" : "s";
        output.WriteLine($"Skipped {count} bad row{s} of {file} (line{s} {lines}){first}");
    }
}
