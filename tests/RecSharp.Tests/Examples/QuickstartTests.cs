using System.Runtime.InteropServices;
using RecSharp.Tests.Runtime;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Examples;

/// <summary>
/// The README's C# quick start is <c>examples/quickstart/Program.cs</c> (built with the solution): the README shows it
/// unchanged, it runs to the end, and where libtorch cannot load it fails with RecSharp's explanation.
/// </summary>
public sealed class QuickstartTests : IDisposable
{
    /// <summary>A smallest program building a model and predicting: what an application needs libtorch for.</summary>
    public const string SmallestProgram = """
        using RecSharp.Features;
        using RecSharp.Models;

        using var model = new Ple([new SparseFeat("user", 10, 4), new DenseFeat("price")],
                                  taskTypes: ["binary", "regression"], taskNames: ["click", "spend"]);
        var inputs = new Dictionary<string, Array> { ["user"] = new[] { 1, 2 }, ["price"] = new[] { 0.5f, 1.5f } };
        var scores = model.Predict(inputs);
        Console.WriteLine($"predicted {scores.GetLength(0)} rows x {scores.GetLength(1)} tasks");
        """;

    private static readonly string Native = Path.Combine("runtimes", "linux-x64", "native");

    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-quickstart-").FullName;

    private static string Built =>
        RepositoryFiles.Path($"examples/quickstart/bin/{RepositoryFiles.Configuration}/net10.0");

    [Fact]
    public void TheReadmeShowsTheQuickstartProgramUnchanged()
    {
        string shown = MarkdownCode.Block(RepositoryFiles.Path("README.md"), "## Quick start in C#", "csharp");
        string program = File.ReadAllText(RepositoryFiles.Path("examples/quickstart/Program.cs"));

        Assert.Equal(program.ReplaceLineEndings("\n"), shown);
    }

    [Fact]
    public void TheQuickstartTrainsEvaluatesSavesAndLoads()
    {
        var (code, output, error) = RunQuickstart(Built);

        Assert.True(code == 0, $"exit code {code}:\n{error}\n{output}");
        Assert.Matches(@"\d+ epochs; test: click_auc 0\.\d{4}, watch_time_mse \d+\.\d{4}", output);
        Assert.Contains("the loaded model predicts the same: True", output);
        Assert.True(File.Exists(Path.Combine(_folder, "model.safetensors")));
    }

    [SkippableFact]
    public void WithoutALibtorchBackendTheModelConstructorExplainsWhatToDo()
    {
        SkipUnlessLinuxX64();
        // The application as built, but with none of the backend package's native libraries: only TorchSharp's glue.
        CopyManagedFiles();
        string glue = Path.Combine(Native, "libLibTorchSharp.so");
        File.Copy(Path.Combine(Built, glue), Path.Combine(_folder, glue));

        var (code, output, error) = RunQuickstart(_folder);

        Assert.NotEqual(0, code);
        Assert.Contains("RecSharp.Runtime.NativeLibraryLoadException: libtorch could not be loaded", error);
        Assert.Contains("Reference a libtorch backend package in the application (TorchSharp-cpu, or a CUDA one)",
            error);
        Assert.DoesNotContain("epochs; test", output);
    }

    [SkippableFact]
    public void WithTheUnpatchedGlueTheErrorNamesTheOldLibStdCxx()
    {
        SkipUnlessLinuxX64();
        Skip.IfNot(LibTorchSharpPatchTests.SystemNeedsPatch, "this system's libstdc++ has GLIBCXX_3.4.32");
        // The application as built, with the package's own (unpatched) glue; the rest of libtorch linked, not copied.
        CopyManagedFiles();
        var libtorch = Directory.GetFiles(Path.Combine(Built, Native)).Where(f => !f.EndsWith("libLibTorchSharp.so"));
        foreach (string file in libtorch)
            File.CreateSymbolicLink(Path.Combine(_folder, Native, Path.GetFileName(file)), file);
        File.Copy(LibTorchSharpPatchTests.PackageOriginal(), Path.Combine(_folder, Native, "libLibTorchSharp.so"));

        var (code, _, error) = RunQuickstart(_folder);

        Assert.NotEqual(0, code);
        Assert.Contains("libtorch could not be loaded: ", error);
        Assert.Contains("GLIBCXX_3.4.32", error);
        Assert.Contains("The system libstdc++ is older than the one libLibTorchSharp.so was built against", error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void SkipUnlessLinuxX64() =>
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "the copies are made of the linux-x64 build");

    private (int Code, string Out, string Err) RunQuickstart(string folder) =>
        ChildProcess.Run(ChildProcess.Dotnet, [Path.Combine(folder, "Quickstart.dll")], _folder);

    // The top of the build output (assemblies and their .json files) and an empty native folder.
    private void CopyManagedFiles()
    {
        foreach (string file in Directory.GetFiles(Built))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(_folder, Native));
    }
}
