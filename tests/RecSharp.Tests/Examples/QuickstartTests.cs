using System.Runtime.InteropServices;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Examples;

/// <summary>
/// The README's C# quick start is <c>examples/quickstart/Program.cs</c> (built with the solution): the README shows it
/// unchanged, it runs to the end, and without libtorch it fails with RecSharp's explanation.
/// </summary>
public sealed class QuickstartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-quickstart-").FullName;

    private static string Built => RepositoryFiles.Path($"examples/quickstart/bin/{RepositoryFiles.Configuration}/net10.0");

    [Fact]
    public void TheReadmeShowsTheQuickstartProgramUnchanged()
    {
        string shown = MarkdownCode.Block(RepositoryFiles.Path("README.md"), "## Quick start in C#", "csharp");
        string program = File.ReadAllText(RepositoryFiles.Path("examples/quickstart/Program.cs")).ReplaceLineEndings("\n");

        Assert.Equal(program, shown);
    }

    [Fact]
    public void TheQuickstartTrainsEvaluatesSavesAndLoads()
    {
        var (code, output, error) = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(Built, "Quickstart.dll")], _folder);

        Assert.True(code == 0, $"exit code {code}:\n{error}\n{output}");
        Assert.Matches(@"\d+ epochs; test: click_auc 0\.\d{4}, watch_time_mse \d+\.\d{4}", output);
        Assert.Contains("the loaded model predicts the same: True", output);
        Assert.True(File.Exists(Path.Combine(_folder, "model.safetensors")));
    }

    [SkippableFact]
    public void WithoutALibtorchBackendTheModelConstructorExplainsWhatToDo()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "the copy without libtorch is made of the linux-x64 build");
        // The application as built, but with none of the backend package's native libraries: only TorchSharp's glue.
        foreach (string file in Directory.GetFiles(Built)) File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        string native = Path.Combine("runtimes", "linux-x64", "native");
        Directory.CreateDirectory(Path.Combine(_folder, native));
        File.Copy(Path.Combine(Built, native, "libLibTorchSharp.so"), Path.Combine(_folder, native, "libLibTorchSharp.so"));

        var (code, output, error) = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(_folder, "Quickstart.dll")], _folder);

        Assert.NotEqual(0, code);
        Assert.Contains("RecSharp.Runtime.NativeLibraryLoadException: libtorch could not be loaded", error);
        Assert.Contains("Reference a libtorch backend package in the application (TorchSharp-cpu, or a CUDA one)", error);
        Assert.DoesNotContain("epochs; test", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
