using RecSharp.Tests.Shared;

namespace RecSharp.Newcomer.Tests;

/// <summary>
/// scripts/newcomer-run.sh: RecSharp packed into a local feed, a new console application taking it from there with
/// TorchSharp-cpu, the README's quick start as its Program.cs, built and run; then the recsharp tool packed for this
/// platform, installed from the feed, and run.
/// </summary>
public class NewcomerRunTests
{
    [SkippableFact]
    public void TheQuickStartAndTheToolRunFromThePackedPackages()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the script is a bash script");
        Skip.If(ChildProcess.Run("bash", ["--version"]).Code != 0, "needs bash, which is absent");

        var (code, output, error) = ChildProcess.Run("bash", [RepositoryFiles.Path("scripts/newcomer-run.sh")],
            timeout: TimeSpan.FromMinutes(10));

        Skip.If(code != 0 && (output + error).Contains("NU1301", StringComparison.Ordinal),
            "the packages could not be restored (NU1301: nuget.org is unreachable and the NuGet cache lacks them)");
        Assert.True(code == 0, $"exit code {code}:\n{output}\n{error}");
        Assert.Contains("the loaded model predicts the same: True", output);
        Assert.Matches(@"\nrecsharp 0\.0\.0-newcomer\.\d+ \(", output);
        Assert.Contains("Wrote 20000 rows of scores", output);
        Assert.EndsWith("== the newcomer run passed", output.TrimEnd());
    }
}
