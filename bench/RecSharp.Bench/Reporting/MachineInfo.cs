using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace RecSharp.Bench.Reporting;

/// <summary>The machine and the software versions a result was measured with.</summary>
/// <param name="Cpu">The processor's model name.</param>
/// <param name="LogicalCores">Logical processors visible to the process.</param>
/// <param name="Threads">libtorch's intra-op threads during the run.</param>
/// <param name="Os">Operating system and kernel.</param>
/// <param name="Architecture">Process architecture.</param>
/// <param name="DotNet">The .NET runtime.</param>
/// <param name="TorchSharp">The TorchSharp version.</param>
/// <param name="LibTorch">The libtorch version TorchSharp loaded.</param>
/// <param name="Build">Release or Debug (of the benchmark's own assembly).</param>
/// <param name="TimestampUtc">When the run finished.</param>
/// <param name="LoadAverage">The 1, 5 and 15-minute load averages when the run finished (Linux; <c>n/a</c> elsewhere):
/// above the core count, other processes competed for the cores and the numbers are low.</param>
internal sealed record MachineInfo(string Cpu, int LogicalCores, int Threads, string Os, string Architecture,
    [property: JsonPropertyName("dotnet")] string DotNet,
    [property: JsonPropertyName("torchsharp")] string TorchSharp,
    [property: JsonPropertyName("libtorch")] string LibTorch,
    string Build, string TimestampUtc, string LoadAverage)
{
    /// <summary>Describes this machine and process now.</summary>
    public static MachineInfo Collect() => new(
        CpuModel(),
        Environment.ProcessorCount,
        get_num_threads(),
        OsDescription(),
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        Informational(typeof(TorchSharp.torch).Assembly),
        __version__,
        typeof(MachineInfo).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true ? "Debug"
            : "Release",
        DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        LoadAverages());

    /// <summary>The model name; on Linux also the family, model and widest vector extension, since virtual machines
    /// often show only a brand.</summary>
    private static string CpuModel()
    {
        if (System.OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
        {
            var fields = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0)
                .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
            if (fields.TryGetValue("model name", out var name) && name.Length > 0)
            {
                var flags = fields.GetValueOrDefault("flags", "").Split(' ');
                string vector = flags.Contains("avx512f") ? "AVX-512" : flags.Contains("avx2") ? "AVX2"
                    : flags.Contains("neon") ? "NEON" : "";
                var details = new[] { Detail(fields, "cpu family", "family"), Detail(fields, "model", "model"),
                    vector }.Where(d => d.Length > 0);
                return $"{name} ({string.Join(", ", details)})";
            }
        }
        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER")
            ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string Detail(Dictionary<string, string> fields, string key, string label) =>
        fields.TryGetValue(key, out var value) ? $"{label} {value}" : "";

    private static string OsDescription()
    {
        string os = RuntimeInformation.OSDescription;                     // on Linux, the distribution's name
        const string release = "/proc/sys/kernel/osrelease";
        return System.OperatingSystem.IsLinux() && File.Exists(release)
            ? $"{os}, kernel {File.ReadAllText(release).Trim()}" : os;
    }

    private static string LoadAverages()
    {
        const string loadavg = "/proc/loadavg";
        return System.OperatingSystem.IsLinux() && File.Exists(loadavg)
            ? string.Join(' ', File.ReadAllText(loadavg).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3))
            : "n/a";
    }

    private static string Informational(Assembly assembly)
    {
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
