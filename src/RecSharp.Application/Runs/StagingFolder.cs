using System.Diagnostics;

namespace RecSharp.Application.Runs;

/// <summary>
/// The hidden sibling folder a run is written into before it takes the target's name:
/// <c>.&lt;target&gt;.&lt;process id&gt;-&lt;32 hex digits&gt;.tmp</c>. A run that ends deletes its own; one killed
/// outright cannot, so the next run committed to the same target removes those whose process is gone.
/// </summary>
internal static class StagingFolder
{
    private const int IdDigits = 32;

    /// <summary>A new staging folder's path for <paramref name="target"/>, owned by this process.</summary>
    public static string For(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!,
            $"{Prefix(target)}{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Deletes the staging folders of <paramref name="target"/> whose process no longer runs; folders of living
    /// processes and anything not named as a staging folder stay.
    /// </summary>
    public static void RemoveAbandoned(string target)
    {
        string prefix = Prefix(target);
        foreach (string folder in Directory.EnumerateDirectories(Path.GetDirectoryName(target)!))
        {
            if (OwnerOf(Path.GetFileName(folder), prefix) is not { } owner) continue;
            if (owner == Environment.ProcessId || IsRunning(owner)) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later run: the committed run folder is complete either way.
            }
        }
    }

    private static string Prefix(string target) => $".{Path.GetFileName(target)}.";

    // The owner's process id when name is a staging folder's name of this target, else null.
    private static int? OwnerOf(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".tmp", StringComparison.Ordinal))
            return null;
        string id = name[prefix.Length..^".tmp".Length];
        int dash = id.IndexOf('-');
        bool hexId = dash > 0 && id.Length - dash - 1 == IdDigits && id[(dash + 1)..].All(char.IsAsciiHexDigitLower);
        return hexId && int.TryParse(id[..dash], out int owner) && owner > 0 ? owner : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
