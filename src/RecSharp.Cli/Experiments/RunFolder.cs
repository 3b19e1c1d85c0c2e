namespace RecSharp.Cli.Experiments;

/// <summary>
/// A run's output folder, written completely or not at all: files go to a temporary sibling folder, which replaces
/// the target only when <see cref="Commit"/> is called; otherwise it is deleted.
/// </summary>
public sealed class RunFolder : IDisposable
{
    private bool _committed;

    /// <summary>Prepares a temporary folder beside <paramref name="target"/>.</summary>
    public RunFolder(string target)
    {
        Target = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(Target) ?? ".";
        Directory.CreateDirectory(parent);
        Staging = Path.Combine(parent, $".{Path.GetFileName(Target)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(Staging);
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>The folder to write into until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>A path inside the staging folder.</summary>
    public string File(string name) => Path.Combine(Staging, name);

    /// <summary>Replaces the target with the staged files.</summary>
    public void Commit()
    {
        if (Directory.Exists(Target)) Directory.Delete(Target, recursive: true);
        Directory.Move(Staging, Target);
        _committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
    }
}
