using System.Globalization;
using RecSharp.Cli.Tests.Support;
using RecSharp.Persistence;
using RecSharp.Tests.Shared;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Cli.Tests.CommandLine;

/// <summary>SIGINT and SIGTERM sent to a real <c>recsharp train</c> process while it trains.</summary>
public sealed class StopSignalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly CliWorkspace _workspace = new();

    [SkippableTheory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public void ASignalStopsTrainingAfterACheckpointAndLeavesNoTemporaryFiles(string signal, int exitCode)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sends signals with kill and reads /proc");
        Skip.If(signal == "INT" && IgnoresSigint(),
            "this process ignores SIGINT (a background job), and so would the child it starts");
        // One libtorch thread: on a machine that other processes load, more threads wait for each other for minutes.
        _workspace.WriteSmallData(120, config: c => c.Replace("epochs: 2", "epochs: 2\n  threads: 1"));
        string run = _workspace.PathOf("run");
        string checkpoint = run + ".checkpoint.safetensors";
        using var process = new CliProcess(
            "train", "--config", _workspace.Config, "--data", _workspace.Data, "--out", run, "--epochs", "100000");
        var training = process.LineAsync(line => line.StartsWith("Epoch 1/", StringComparison.Ordinal));
        Assert.True(training.Wait(Patience), $"training did not start:\n{process.Output}{process.Error}");
        process.Signal(signal);

        Assert.Equal(exitCode, process.WaitForExit(Patience));
        Assert.Equal($"recsharp: stopped by SIG{signal}", process.Error.Trim());
        Assert.True(TrainingCheckpoint.HasTrainingState(checkpoint));
        Assert.Contains(
            $"to continue from it: recsharp train --config {_workspace.Config} --data {_workspace.Data} --out {run} " +
                        $"--epochs 100000 --resume {checkpoint}", process.Output);
        Assert.False(Directory.Exists(run));
        Assert.Equal(["data.csv", "experiment.yaml", "run.checkpoint.safetensors"],
            Directory.GetFileSystemEntries(_workspace.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // SigIgn in /proc/self/status is a hexadecimal mask of ignored signals; SIGINT (2) is bit 1.
    private static bool IgnoresSigint()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber,
            CultureInfo.InvariantCulture) & 0b10) != 0;
    }

    public void Dispose() => _workspace.Dispose();
}
