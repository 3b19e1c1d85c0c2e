using System.Diagnostics;
using System.Text;
using RecSharp.Persistence.SafeTensors;

namespace RecSharp.Tests.Shared;

/// <summary>
/// A real MPI job on this machine: MPICH's <c>mpirun.mpich</c> starting .NET programs built beside the tests (the
/// <c>recsharp</c> command line, the MPI test host, the benchmarks), each segment with its own ranks and arguments,
/// ended by a deadline so that a rank that hangs fails the test instead of stalling it. Compiled into each test
/// project that starts MPI jobs.
/// </summary>
internal static class MpiJob
{
    /// <summary>The longest any job of these tests may take.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    /// <summary>The command line as built beside the tests.</summary>
    public const string Cli = "RecSharp.Cli.dll";

    /// <summary>The test host (<c>tests/RecSharp.Mpi.TestHost</c>).</summary>
    public const string TestHost = "RecSharp.Mpi.TestHost.dll";

    /// <summary>MPICH's launcher; skips the test when it is absent.</summary>
    public static string Launcher()
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(':', StringSplitOptions.RemoveEmptyEntries);
        string? found = folders
            .Select(dir => Path.Combine(dir, "mpirun.mpich")).FirstOrDefault(File.Exists);
        Skip.If(found is null, "MPICH is not installed (no mpirun.mpich on the PATH; Debian: apt-get install mpich)");
        return found!;
    }

    /// <summary>Runs <paramref name="program"/> on <paramref name="ranks"/> ranks and waits for the end.</summary>
    public static (int Code, string Out, string Err) Run(int ranks, string program, params string[] args) =>
        RunEach((ranks, program, args));

    /// <summary>Runs one job of several segments (<c>mpirun -np a … : -np b …</c>) and waits for it to end.</summary>
    public static (int Code, string Out, string Err) RunEach(
        params (int Ranks, string Program, string[] Args)[] segments)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var job = Start(output, error, segments);
        WaitOrKill(job, Deadline, output, error);
        lock (output) lock (error) return (job.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Starts a job whose standard output and error collect in <paramref name="output"/> and <paramref name="error"/>.
    /// </summary>
    public static Process Start(StringBuilder output, StringBuilder error,
        params (int Ranks, string Program, string[] Args)[] segments)
    {
        var start = new ProcessStartInfo(Launcher())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        for (int s = 0; s < segments.Length; s++)
        {
            if (s > 0) start.ArgumentList.Add(":");
            var (ranks, program, args) = segments[s];
            string count = ranks.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string dll = Path.Combine(AppContext.BaseDirectory, program);
            foreach (string arg in (string[])["-np", count, dotnet, dll, .. args])
                start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits for the job; past <paramref name="limit"/>, kills its processes and fails: a rank hung.</summary>
    public static void WaitOrKill(Process job, TimeSpan limit, StringBuilder output, StringBuilder error)
    {
        if (!job.WaitForExit(limit))
        {
            job.Kill(entireProcessTree: true);
            job.WaitForExit();
            Assert.Fail($"the MPI job did not end within {limit}:\n{output}\n{error}");
        }
        job.WaitForExit();
    }

    /// <summary>The float32 tensors of a safetensors file, by name.</summary>
    public static Dictionary<string, float[]> Weights(string path) =>
        SafeTensorsFormat.Read(path).Entries.Where(e => e.DType == SafeTensorDType.F32)
            .ToDictionary(e => e.Name, SafeTensorValues.ToSingles, StringComparer.Ordinal);

    /// <summary>
    /// The largest absolute difference between two files' tensors, which must have the same names and sizes.
    /// </summary>
    public static double MaxDifference(string expectedPath, string actualPath)
    {
        var expected = Weights(expectedPath);
        var actual = Weights(actualPath);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        double max = 0;
        foreach (var (name, values) in expected)
        {
            Assert.Equal(values.Length, actual[name].Length);
            for (int i = 0; i < values.Length; i++) max = Math.Max(max, Math.Abs(values[i] - actual[name][i]));
        }
        return max;
    }
}
