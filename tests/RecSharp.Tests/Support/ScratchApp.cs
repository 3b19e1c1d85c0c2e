using System.Xml.Linq;
using RecSharp.Tests.Shared;

namespace RecSharp.Tests.Support;

/// <summary>
/// A console application in a temporary folder outside the repository (so none of its MSBuild files apply), built and
/// run with the dotnet host in the configuration the tests were built in, so that the repository's projects it
/// references are the builds the tests use, found up to date instead of compiled again; deleted on dispose.
/// </summary>
public sealed class ScratchApp : IDisposable
{
    /// <summary>The application's folder.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("recsharp-app-").FullName;

    /// <summary>The build output of <c>App.csproj</c>.</summary>
    public string Output => Path.Combine(Folder, "bin", RepositoryFiles.Configuration, "net10.0");

    /// <summary>The version this repository pins for a package (Directory.Packages.props).</summary>
    public static string PinnedVersion(string package) =>
        XDocument.Load(RepositoryFiles.Path("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == package).Attribute("Version")!.Value;

    /// <summary>
    /// Writes <c>App.csproj</c> (a net10.0 console application with <paramref name="items"/>) and <c>Program.cs</c>.
    /// </summary>
    public void Write(string items, string program)
    {
        File.WriteAllText(Path.Combine(Folder, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
            {items}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Folder, "Program.cs"), program);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in the folder.</summary>
    public (int Code, string Out, string Err) Dotnet(params string[] args) =>
        ChildProcess.Run(ChildProcess.Dotnet, args, Folder, TimeSpan.FromMinutes(10));

    /// <summary>
    /// Builds the application into <see cref="Output"/>; skips the test when packages cannot be restored.
    /// </summary>
    public void Build()
    {
        var (code, output, error) = Dotnet("build", "-c", RepositoryFiles.Configuration);
        Skip.If(code != 0 && output.Contains("NU1301", StringComparison.Ordinal),
            "the packages could not be restored (NU1301: no source is reachable and the local cache lacks them)");
        Assert.True(code == 0, $"dotnet build failed:\n{output}\n{error}");
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
