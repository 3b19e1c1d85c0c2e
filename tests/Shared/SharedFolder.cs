namespace RecSharp.Tests.Shared;

/// <summary>
/// The project's read-only shared folder (<c>../shared</c> beside the repository: reference fixtures and the census
/// data), found by walking up from the test's output folder. Compiled into each test project that reads it.
/// </summary>
public static class SharedFolder
{
    /// <summary>The census file, relative to the shared folder.</summary>
    public const string CensusFile = "data/census-income.test.gz";

    /// <summary>The shared folder, or null when it is absent.</summary>
    public static string? Root { get; } = Find();

    /// <summary>The full path of a file under the shared folder, or null when the folder or the file is
    /// absent.</summary>
    public static string? Path(string relative)
    {
        if (Root is null) return null;
        string full = System.IO.Path.Combine(Root, relative);
        return File.Exists(full) ? full : null;
    }

    /// <summary>The full path of a shared file, skipping the test with the reason when it is absent.</summary>
    public static string Require(string relative)
    {
        string? path = Path(relative);
        Skip.If(path is null,
            $"needs ../shared/{relative} (the project's shared folder beside the repository), which is absent");
        return path!;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "reference"))
                || Directory.Exists(System.IO.Path.Combine(candidate, "data")))
            {
                return candidate;
            }
        }

        return null;
    }
}
