namespace RecSharp.Data.Tests.Support;

/// <summary>The repository's example files, copied beside the tests.</summary>
internal static class TestPaths
{
    public static string CensusExample => Path.Combine(AppContext.BaseDirectory, "Examples", "census-experiment.yaml");

    public static string CensusLikeExample
        => Path.Combine(AppContext.BaseDirectory, "Examples", "census-like-experiment.yaml");

    public static string ConfigurationGuide => Path.Combine(AppContext.BaseDirectory, "Examples", "configuration.md");

    public static string ConfigurationSchema
        => Path.Combine(AppContext.BaseDirectory, "Examples", "configuration.schema.json");
}
