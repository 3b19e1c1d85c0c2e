namespace RecSharp.Bench.Tests.Support;

/// <summary>Files of the project's read-only shared folder (<c>../shared</c> beside the repository).</summary>
public static class SharedData
{
    /// <summary>The full path of <paramref name="relative"/> under shared/, skipping the test with a reason when it is absent.</summary>
    public static string Require(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate)) return candidate;
        }
        Skip.If(true, $"needs ../shared/{relative} (the project's shared folder beside the repository), which is absent");
        return "";
    }
}
