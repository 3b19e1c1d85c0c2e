using System.Runtime.CompilerServices;

namespace RecSharp.Data.Tests.Support;

/// <summary>Finds files of the repository and of the shared data folder beside it.</summary>
internal static class TestPaths
{
    public static string CensusExample => Path.Combine(AppContext.BaseDirectory, "Examples", "census-experiment.yaml");

    public static string CensusLikeExample
        => Path.Combine(AppContext.BaseDirectory, "Examples", "census-like-experiment.yaml");

    public static string ConfigurationGuide => Path.Combine(AppContext.BaseDirectory, "Examples", "configuration.md");

    public static string ConfigurationSchema
        => Path.Combine(AppContext.BaseDirectory, "Examples", "configuration.schema.json");

    /// <summary>
    /// The shared census file: walks up from the test's base directory (and from this source file, for builds whose
    /// output lies outside the repository) to the first folder that has <c>shared/data</c>, i.e. the repository's parent.
    /// </summary>
    public static string CensusData => Path.Combine(SharedDataFolder() ?? "shared/data", "census-income.test.gz");

    private static string? SharedDataFolder([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
