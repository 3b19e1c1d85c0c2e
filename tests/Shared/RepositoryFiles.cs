namespace RecSharp.Tests.Shared;

/// <summary>
/// Files of this repository, found by walking up from the test assembly to the folder of RecSharp.slnx.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The configuration the tests were built in (Debug or Release), from the test assembly's folder.
    /// </summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The full path of <paramref name="relative"/> (a path with '/' separators) under the root.</summary>
    public static string Path(string relative) => System.IO.Path.Combine([Root, .. relative.Split('/')]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RecSharp.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
