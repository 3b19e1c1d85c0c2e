using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using RecSharp.Application.CommandLine;
using RecSharp.Runtime;
using TorchSharp;

namespace RecSharp.Bench.Micro;

/// <summary>
/// <c>micro [--threads N] [BenchmarkDotNet arguments]</c>: the BenchmarkDotNet micro-benchmarks of the hot paths.
/// They run in process (BenchmarkDotNet's <c>--inProcess</c> is always added), so libtorch is the one this build
/// loads; <c>--threads</c> sets libtorch's threads first; without a <c>--filter</c>, all run.
/// </summary>
public static class MicroCommand
{
    /// <summary>The benchmark classes.</summary>
    public static Type[] Benchmarks { get; } = [typeof(EmbeddingLookupBenchmarks), typeof(CgcLevelBenchmarks),
        typeof(BatchSelectionBenchmarks), typeof(SmallBatchPredictBenchmarks)];

    /// <summary>Runs BenchmarkDotNet with <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var arguments = new List<string>(args);
        int at = arguments.IndexOf("--threads");
        if (at >= 0)
        {
            if (at + 1 >= arguments.Count || !int.TryParse(arguments[at + 1], out int threads) || threads < 1)
                throw new UsageException("--threads needs a positive integer");
            TorchRuntime.EnsureLoaded();
            torch.set_num_threads(threads);
            arguments.RemoveRange(at, 2);
        }
        if (!arguments.Contains("--inProcess") && !arguments.Contains("-i")) arguments.Add("--inProcess");
        if (!arguments.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)))
            arguments.AddRange(["--filter", "*"]);
        var summaries = BenchmarkSwitcher.FromTypes(Benchmarks).Run([.. arguments], DefaultConfig.Instance);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
