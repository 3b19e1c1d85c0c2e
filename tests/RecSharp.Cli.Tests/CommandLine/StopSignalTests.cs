using System.Diagnostics;
using System.Globalization;
using System.Text;
using RecSharp.Cli.Tests.Support;
using RecSharp.Persistence;
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
        Skip.If(signal == "INT" && IgnoresSigint(), "this process ignores SIGINT (a background job), and so would the child it starts");
        // One libtorch thread: on a machine that other processes load, more threads wait for each other for minutes.
        _workspace.WriteSmallData(120, config: c => c.Replace("epochs: 2", "epochs: 2\n  threads: 1"));
        string run = _workspace.PathOf("run");
        string checkpoint = run + ".checkpoint.safetensors";
        var output = new StringBuilder();
        var error = new StringBuilder();
        var training = new TaskCompletionSource();
        using var process = CliProcess.Start(
            ["train", "--config", _workspace.Config, "--data", _workspace.Data, "--out", run, "--epochs", "100000"],
            output, error,
            line => line.StartsWith("Epoch 1/", StringComparison.Ordinal), training);
        try
        {
            Assert.True(training.Task.Wait(Patience), $"training did not start:\n{output}{error}");
            Kill(signal, process.Id);
            Assert.True(process.WaitForExit(Patience), "the process did not stop");
            process.WaitForExit();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.Equal(exitCode, process.ExitCode);
        Assert.Equal($"recsharp: stopped by SIG{signal}", error.ToString().Trim());
        Assert.True(TrainingCheckpoint.HasTrainingState(checkpoint));
        Assert.Contains($"to continue from it: recsharp train --config {_workspace.Config} --data {_workspace.Data} --out {run} " +
                        $"--epochs 100000 --resume {checkpoint}", output.ToString());
        Assert.False(Directory.Exists(run));
        Assert.Equal(["data.csv", "experiment.yaml", "run.checkpoint.safetensors"],
            Directory.GetFileSystemEntries(_workspace.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static void Kill(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    // SigIgn in /proc/self/status is a hexadecimal mask of ignored signals; SIGINT (2) is bit 1.
    private static bool IgnoresSigint()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0b10) != 0;
    }

    public void Dispose() => _workspace.Dispose();
}
