using System.Security.Cryptography;

namespace RecSharp.Cli.Tests.Support;

/// <summary>Every file and folder under a root, with a hash of each file: what a command must leave as it
/// was.</summary>
public sealed class FolderSnapshot
{
    private readonly string _root;
    private readonly Dictionary<string, string> _entries;

    private FolderSnapshot(string root, Dictionary<string, string> entries)
    {
        _root = root;
        _entries = entries;
    }

    /// <summary>Records the tree under <paramref name="root"/>.</summary>
    public static FolderSnapshot Take(string root)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            entries[Path.GetRelativePath(root, path)] = Directory.Exists(path) ? "folder" : Fingerprint(path);
        return new FolderSnapshot(root, entries);
    }

    // A file this process may not read is known by its size and time alone.
    private static string Fingerprint(string file)
    {
        try
        {
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }
        catch (UnauthorizedAccessException)
        {
            var info = new FileInfo(file);
            return $"unreadable {info.Length} {info.LastWriteTimeUtc.Ticks}";
        }
    }

    /// <summary>
    /// Asserts that the tree now holds exactly what it held, apart from <paramref name="ownPaths"/> (absolute; each
    /// with everything under it): a file changed, removed or added anywhere else fails, temporary files included.
    /// </summary>
    public void AssertUnchangedExcept(params string[] ownPaths)
    {
        var now = Take(_root)._entries;
        bool Own(string relative)
        {
            string full = Path.Combine(_root, relative);
            return ownPaths.Any(p =>
                full == p || full.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        }
        var changed = _entries.Keys.Union(now.Keys).Where(k => !Own(k))
            .Where(k =>
                !_entries.TryGetValue(k, out var before) || !now.TryGetValue(k, out var after) || before != after)
            .Order(StringComparer.Ordinal).ToArray();
        Assert.True(changed.Length == 0, $"changed, added or removed: {string.Join(", ", changed)}");
    }
}
