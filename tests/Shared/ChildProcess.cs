using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RecSharp.Tests.Shared;

/// <summary>Runs a program to its end and collects what it printed.</summary>
public static class ChildProcess
{
    /// <summary>
    /// The dotnet host running the tests (as <c>dotnet test</c> names it), or <c>dotnet</c> on the path.
    /// </summary>
    public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> in <paramref name="folder"/> (the current folder
    /// when null) and returns its exit code and output; -1 with the reason when it cannot start. After
    /// <paramref name="timeout"/> it is killed and the code is -2.
    /// </summary>
    public static (int Code, string Out, string Err) Run(string program, IEnumerable<string> args,
        string? folder = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var output = new StringBuilder();
        var error = new StringBuilder();
        try
        {
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(error, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (-2, output.ToString(), error + $"\n(killed after {timeout})");
            }
            process.WaitForExit();
            return (process.ExitCode, output.ToString(), error.ToString());
        }
        catch (Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null) return;
        lock (text) text.AppendLine(line);
    }
}
