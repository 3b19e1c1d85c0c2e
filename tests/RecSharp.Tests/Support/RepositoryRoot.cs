namespace RecSharp.Tests.Support;

/// <summary>The repository the tests were built from.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding <c>RecSharp.slnx</c>, above the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RecSharp.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
