using RecSharp.Application.CommandLine;
using RecSharp.Bench.CommandLine;
using RecSharp.Mpi;

namespace RecSharp.Bench.Scaling;

/// <summary>
/// <c>scaling census|synthetic [options]</c>, on every rank of an MPI job: rank 0 prints and saves the report; a rank
/// that fails prints its line and ends the job (MPI_Abort), so that no rank waits for it.
/// </summary>
internal static class ScalingCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is not ("census" or "synthetic"))
            throw new UsageException("scaling needs a workload: census or synthetic");
        var options = BenchOptionsParser.Parse(args[0], args[1..]);
        using var group = MpiProcessGroup.Start();
        try
        {
            var report = ScalingRunner.Run(options, group, error);
            if (group.Rank != 0) return 0;
            if (options.Json) output.WriteLine(ScalingOutput.ToJson(report));
            string markdown = ScalingOutput.ToMarkdown(report);
            output.Write(markdown);
            if (options.OutPath is { } outPath)
                BenchApplication.Save(outPath, ScalingOutput.ToJson(report, indented: true), markdown, error);
            return 0;
        }
        catch (Exception e)
        {
            error.WriteLine($"RecSharp.Bench (rank {group.Rank} of {group.Size}): {e.Message}");
            group.Abort(1);
            return 1;
        }
    }
}
