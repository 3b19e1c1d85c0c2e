using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RecSharp.Tests.Shared;

/// <summary>
/// The command line built beside the tests, run as a child process by the same dotnet host. Compiled into each test
/// project that starts it.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiting = [];

    /// <summary>Starts <c>recsharp</c> with <paramref name="args"/>.</summary>
    public CliProcess(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RecSharp.Cli.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Received(e.Data, _output);
        _process.ErrorDataReceived += (_, e) => Received(e.Data, _error);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Standard error so far.</summary>
    public string Error
    {
        get { lock (_error) return _error.ToString(); }
    }

    /// <summary>The first line of standard output that <paramref name="match"/> accepts, once printed.</summary>
    public Task<string> LineAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var printed = _output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(match);
            if (printed is not null) seen.SetResult(printed);
            else _waiting.Add((match, seen));
        }
        return seen.Task;
    }

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>INT</c>, <c>KILL</c>) to the process.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public int WaitForExit(TimeSpan patience)
    {
        Assert.True(_process.WaitForExit(patience), $"the process did not end:\n{Output}{Error}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private void Received(string? line, StringBuilder into)
    {
        if (line is null) return;
        lock (into)
        {
            into.AppendLine(line);
            if (into != _output) return;
            foreach (var waiting in _waiting.Where(w => w.Match(line)).ToArray())
            {
                waiting.Seen.TrySetResult(line);
                _waiting.Remove(waiting);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
