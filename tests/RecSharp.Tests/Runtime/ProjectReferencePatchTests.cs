using System.Runtime.InteropServices;
using RecSharp.Tests.Examples;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Runtime;

/// <summary>
/// An application outside this repository that references src/RecSharp/RecSharp.csproj by path (as a monorepo or a
/// contributor does) gets the patched libLibTorchSharp.so on build, without any import of RecSharp's MSBuild files.
/// </summary>
public class ProjectReferencePatchTests
{
    [SkippableFact]
    public void AnApplicationReferencingTheProjectByPathGetsThePatchedGlueAndRuns()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "the patch applies to linux-x64 only");
        Skip.IfNot(File.Exists(LibTorchSharpPatchTests.PackageOriginal()), "TorchSharp is not in the NuGet cache");
        using var app = new ScratchApp();
        app.Write($"""
                <PackageReference Include="TorchSharp-cpu" Version="{ScratchApp.PinnedVersion("TorchSharp-cpu")}" />
                <ProjectReference Include="{RepositoryFiles.Path("src/RecSharp/RecSharp.csproj")}" />
            """, QuickstartTests.SmallestProgram);

        app.Build();
        var run = app.Dotnet(Path.Combine(app.Output, "App.dll"));

        LibTorchSharpPatchTests.AssertPatchedWhereNeeded(
            File.ReadAllBytes(Path.Combine(app.Output, "runtimes", "linux-x64", "native", "libLibTorchSharp.so")));
        Assert.True(run.Code == 0, $"{run.Out}\n{run.Err}");
        Assert.Equal("predicted 2 rows x 2 tasks", run.Out.Trim());
    }
}
