using RecSharp.Application.CommandLine;
using RecSharp.Persistence;

namespace RecSharp.Application.Runs;

/// <summary>
/// A run's output folder, written completely or not at all, and never at the cost of anything else: <see
/// cref="Prepare"/> refuses, before any training, a target that is the current folder, holds or is one of the inputs,
/// is a file, or is a non-empty folder (with <c>--overwrite</c>, unless it is an earlier run folder, see <see
/// cref="RunMarker"/>), and checks that its parent can be written. Files then go to a temporary sibling folder, created
/// with the first file (<see cref="StagingFolder"/>), which becomes the target on <see cref="Commit"/> and is deleted
/// otherwise.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    private readonly bool _overwrite;
    private string? _staging;
    private bool _committed;

    private RunFolder(string target, bool overwrite)
    {
        Target = target;
        _overwrite = overwrite;
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>Checks <paramref name="target"/> and creates its parent folders; writes nothing else.</summary>
    /// <param name="target">The folder to write, as given with <c>--out</c>.</param>
    /// <param name="overwrite">Whether an earlier run folder there may be replaced.</param>
    /// <param name="inputs">The files the run reads, by role (e.g. "data"), which the target must neither be nor
    /// hold.</param>
    /// <exception cref="UsageException">When the target must not be written.</exception>
    /// <exception cref="IOException">When its parent folder cannot be created or written.</exception>
    public static RunFolder Prepare(string target, bool overwrite, IEnumerable<(string Role, string Path)> inputs)
    {
        string full = CommandPaths.Resolve(target);
        string parent = Path.GetDirectoryName(full) ?? throw Refused(target, "is the root folder");
        if (full.IndexOfAny(['{', '}']) >= 0) throw Refused(target, "has braces, which checkpoint paths reserve");
        string here = Environment.CurrentDirectory;
        if (CommandPaths.Same(full, here) || CommandPaths.IsInside(here, full))
            throw Refused(target, "is the current folder or holds it");
        foreach (var (role, path) in inputs)
        {
            if (CommandPaths.Same(full, path)) throw Refused(target, $"is the {role} file itself");
            if (CommandPaths.IsInside(path, full)) throw Refused(target, $"holds the {role} file {path}");
        }
        if (System.IO.File.Exists(full)) throw Refused(target, "is a file");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            if (!overwrite)
            {
                throw new UsageException($"--out {target} already exists and is not empty; give a new folder, " +
                                         "or add --overwrite to replace an earlier run folder");
            }
            if (RunMarker.WhyNotARun(full) is { } reason)
            {
                throw new UsageException($"--out {target} is not a run folder of recsharp train ({reason}), " +
                                         "so --overwrite does not replace it");
            }
        }
        CheckWritable(target, full, parent);
        return new RunFolder(full, overwrite);
    }

    /// <summary>A path inside the temporary folder, which is created on first use.</summary>
    public string File(string name)
    {
        if (_staging is null)
        {
            string staging = StagingFolder.For(Target);
            Directory.CreateDirectory(staging);
            _staging = staging;
        }
        return Path.Combine(_staging, name);
    }

    /// <summary>
    /// Writes the marker, naming the staged files and <paramref name="laterFiles"/> (moved in by the caller
    /// afterwards), and puts the staged folder in the target's place. An empty target is replaced; an earlier run
    /// folder is replaced with <c>--overwrite</c> only (its own files alone are deleted); anything else that appeared
    /// there since <see cref="Prepare"/> makes this fail and stays untouched.
    /// </summary>
    public void Commit(IEnumerable<string> laterFiles)
    {
        string marker = File(RunMarker.FileName);
        var files = Directory.GetFiles(Path.GetDirectoryName(marker)!).Select(f => Path.GetFileName(f)!)
            .Concat(laterFiles);
        AtomicFile.WriteAllBytes(marker, RunMarker.Content(files));
        string staging = _staging!;
        string? earlier = null;
        if (System.IO.File.Exists(Target))
            throw new IOException($"{Target} became a file during the run, so the run folder was not written there");
        if (Directory.Exists(Target))
        {
            if (!Directory.EnumerateFileSystemEntries(Target).Any())
            {
                Directory.Delete(Target);
            }
            else if (_overwrite && RunMarker.WhyNotARun(Target) is null)
            {
                earlier = Path.Combine(Path.GetDirectoryName(Target)!,
                    $".{Path.GetFileName(Target)}.{Guid.NewGuid():N}.old");
                Directory.Move(Target, earlier);
            }
            else
            {
                throw new IOException($"{Target} was filled during the run, so the run folder was not written there");
            }
        }
        Directory.Move(staging, Target);
        _committed = true;
        if (earlier is not null) RemoveEarlierRun(earlier);
        StagingFolder.RemoveAbandoned(Target);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_committed && _staging is not null && Directory.Exists(_staging))
            Directory.Delete(_staging, recursive: true);
    }

    // Deletes the files of the earlier run that its marker names (never a path a marker could point elsewhere with),
    // then the folder if nothing else is left in it.
    private static void RemoveEarlierRun(string folder)
    {
        var listed = RunMarker.ListedFiles(folder) ?? new HashSet<string>();
        foreach (string path in Directory.GetFiles(folder).Where(f => listed.Contains(Path.GetFileName(f))))
            System.IO.File.Delete(path);
        if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
    }

    private static UsageException Refused(string target, string why) =>
        new($"--out {target} {why}; give a new folder for the run");

    private static void CheckWritable(string target, string full, string parent)
    {
        try
        {
            Directory.CreateDirectory(parent);
            string probe = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.probe");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1,
                FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out {target}: its folder {parent} cannot be created or written ({e.Message})", e);
        }
    }
}
