using System.Runtime.InteropServices;
using TorchSharp;

namespace RecSharp.Runtime;

/// <summary>
/// Loads libtorch once per process and turns a failure into one <see cref="NativeLibraryLoadException"/> that says
/// what failed and what to do, instead of a bare <see cref="DllNotFoundException"/> from deep inside TorchSharp.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Ensures libtorch is loaded; throws <see cref="NativeLibraryLoadException"/> when it cannot
    /// be.</summary>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
            throw new NativeLibraryLoadException(Explain(failure), failure);
    }

    /// <summary>Resolves a device name (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>), failing clearly when it is
    /// absent.</summary>
    public static torch.Device ResolveDevice(string device)
    {
        EnsureLoaded();
        if (string.IsNullOrWhiteSpace(device))
            throw new ArgumentException("device must be \"cpu\", \"cuda\" or \"cuda:N\"", nameof(device));
        torch.Device parsed;
        try
        {
            parsed = new torch.Device(device);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException(
                $"device \"{device}\" is not a device name; use \"cpu\", \"cuda\" or \"cuda:N\"", nameof(device), e);
        }
        if (parsed.type == DeviceType.CUDA)
        {
            if (!torch.cuda.is_available())
            {
                throw new ArgumentException($"device \"{device}\" was requested but CUDA is not available in this " +
                    "process (reference a CUDA libtorch package, such as TorchSharp-cuda-linux, and check the driver)",
                    nameof(device));
            }
            int index = parsed.index < 0 ? 0 : parsed.index;
            if (index >= torch.cuda.device_count())
            {
                throw new ArgumentException(
                    $"device \"{device}\" does not exist: {torch.cuda.device_count()} CUDA device(s) are visible",
                    nameof(device));
            }
        }
        else if (parsed.type != DeviceType.CPU)
        {
            throw new ArgumentException($"device \"{device}\" is not supported; use \"cpu\", \"cuda\" or \"cuda:N\"",
            nameof(device));
        }
        return parsed;
    }

    private static Exception? TryLoad()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            using var probe = torch.zeros(1);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e;
        }
    }

    private static string Explain(Exception failure)
    {
        string detail = failure.InnerException?.Message ?? failure.Message;
        // TorchSharp reports any failure to load its native glue as a missing backend package; the system loader's
        // own message says when the glue is there but needs a newer libstdc++.
        string? loader = GlueLoaderMessage();
        string? missingVersion = loader?.ReplaceLineEndings("\n").Split('\n')
            .FirstOrDefault(l => l.Contains("GLIBCXX", StringComparison.Ordinal));
        if (missingVersion is not null) detail = missingVersion;
        string hint = detail.Contains("GLIBCXX", StringComparison.Ordinal)
            ? "The system libstdc++ is older than the one libLibTorchSharp.so was built against. RecSharp's build " +
              "step patches the copy in the build output of an application that references the RecSharp package or " +
              "src/RecSharp/RecSharp.csproj; rebuild the application (dotnet build) so that step runs, and check " +
              "that runtimes/linux-x64/native/libLibTorchSharp.so in the output is the patched copy (a publish with " +
              "a runtime identifier of a project referencing src/RecSharp by path needs an Import of its " +
              "buildTransitive/RecSharp.targets)."
            : "Reference a libtorch backend package in the application (TorchSharp-cpu, or a CUDA one), rebuild, and " +
                "check " +
              "that the native libraries are in the output's runtimes/<rid>/native folder.";
        return $"libtorch could not be loaded: {FirstLine(detail)} {hint}";
    }

    // The system loader's message for TorchSharp's native glue beside the application; null if it loads or is absent.
    private static string? GlueLoaderMessage()
    {
        if (!OperatingSystem.IsLinux()) return null;
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        foreach (string path in candidates.Where(File.Exists))
        {
            try
            {
                NativeLibrary.Load(path);
                return null;
            }
            catch (DllNotFoundException e)
            {
                return e.Message;
            }
        }
        return null;
    }

    private static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0].Trim();
}
