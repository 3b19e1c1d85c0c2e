using System.Diagnostics;
using System.Text;

namespace RecSharp.Cli.Tests.Support;

/// <summary>
/// The <c>recsharp</c> CLI as built beside the tests, started as a real process by the same dotnet host.
/// </summary>
public static class CliProcess
{
    /// <summary>
    /// Starts the CLI with <paramref name="args"/>, collecting its standard output and error; <paramref name="seen"/>
    /// completes at the first output line <paramref name="started"/> accepts.
    /// </summary>
    public static Process Start(string[] args, StringBuilder output, StringBuilder error, Func<string, bool> started,
        TaskCompletionSource seen)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RecSharp.Cli.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (started(e.Data)) seen.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (error) error.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
