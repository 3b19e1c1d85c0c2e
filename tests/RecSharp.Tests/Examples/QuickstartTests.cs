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

    /// <summary>The smallest program that builds a model and predicts: what an application needs libtorch for.</summary>
    public const string SmallestProgram = """
        using RecSharp.Features;
        using RecSharp.Models;

        using var model = new Ple([new SparseFeat("user", 10, 4), new DenseFeat("price")],
                                  taskTypes: ["binary", "regression"], taskNames: ["click", "spend"]);
        var scores = model.Predict(new Dictionary<string, Array> { ["user"] = new[] { 1, 2 }, ["price"] = new[] { 0.5f, 1.5f } });
        Console.WriteLine($"predicted {scores.GetLength(0)} rows x {scores.GetLength(1)} tasks");
        """;

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

    [SkippableFact]
    public void WithTheUnpatchedGlueTheErrorNamesTheOldLibStdCxx()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "the copy is made of the linux-x64 build");
        Skip.IfNot(Runtime.LibTorchSharpPatchTests.SystemNeedsPatch, "this system's libstdc++ has GLIBCXX_3.4.32, so the glue loads unpatched");
        // The application as built, with the package's own (unpatched) glue; the rest of libtorch is linked, not copied.
        foreach (string file in Directory.GetFiles(Built)) File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        string native = Path.Combine("runtimes", "linux-x64", "native");
        Directory.CreateDirectory(Path.Combine(_folder, native));
        foreach (string file in Directory.GetFiles(Path.Combine(Built, native)).Where(f => !f.EndsWith("libLibTorchSharp.so", StringComparison.Ordinal)))
            File.CreateSymbolicLink(Path.Combine(_folder, native, Path.GetFileName(file)), file);
        File.Copy(Runtime.LibTorchSharpPatchTests.PackageOriginal(), Path.Combine(_folder, native, "libLibTorchSharp.so"));

        var (code, _, error) = ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(_folder, "Quickstart.dll")], _folder);

        Assert.NotEqual(0, code);
        Assert.Contains("libtorch could not be loaded: ", error);
        Assert.Contains("GLIBCXX_3.4.32", error);
        Assert.Contains("The system libstdc++ is older than the one libLibTorchSharp.so was built against", error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
