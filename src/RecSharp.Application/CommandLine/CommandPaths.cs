namespace RecSharp.Application.CommandLine;

/// <summary>Checks on the paths a command line names, so that a wrong one fails at once with a line naming
/// it.</summary>
internal static class CommandPaths
{
    /// <summary>The full path of an input file; fails when it does not exist or is a folder.</summary>
    /// <param name="option">The option that named it, e.g. <c>--data</c>.</param>
    /// <param name="path">The path given.</param>
    public static string RequireFile(string option, string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{option} names {full}, which is a folder; give a file");
        if (!File.Exists(full)) throw new FileNotFoundException($"{option} names {full}, which does not exist", full);
        return full;
    }

    /// <summary>
    /// The full path of a data source: an existing file or folder, or a pattern of shards (with <c>*</c> or <c>?</c>,
    /// resolved when read); fails when a plain path does not exist.
    /// </summary>
    /// <param name="option">The option that named it, e.g. <c>--data</c>.</param>
    /// <param name="path">The path given.</param>
    public static string RequireData(string option, string path)
    {
        string full = Path.GetFullPath(path);
        if (path.AsSpan().IndexOfAny('*', '?') >= 0 || Directory.Exists(full)) return full;
        if (!File.Exists(full)) throw new FileNotFoundException($"{option} names {full}, which does not exist", full);
        return full;
    }

    /// <summary>The absolute form of a path without a trailing separator, with a final symbolic link
    /// followed.</summary>
    public static string Resolve(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
        if (info.LinkTarget is null) return full;
        return Path.TrimEndingDirectorySeparator(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full);
    }

    /// <summary>Whether two paths name the same file or folder.</summary>
    public static bool Same(string a, string b) => string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> lies inside <paramref name="folder"/>, at any depth (not the folder
    /// itself).</summary>
    public static bool IsInside(string path, string folder)
    {
        string parent = Resolve(folder);
        for (string? dir = Path.GetDirectoryName(Resolve(path)); dir is not null; dir = Path.GetDirectoryName(dir))
            if (string.Equals(Path.TrimEndingDirectorySeparator(dir), parent, StringComparison.Ordinal)) return true;
        return false;
    }
}
