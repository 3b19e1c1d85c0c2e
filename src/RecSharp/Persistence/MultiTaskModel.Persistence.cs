using RecSharp.Persistence;

namespace RecSharp.Models;

/// <summary>Saving and loading of every multi-task model.</summary>
public abstract partial class MultiTaskModel
{
    /// <summary>Saves the model as one self-describing artifact (see <see cref="ModelArtifact"/>), atomically.</summary>
    public void Save(string path, string? preprocessingJson = null) => ModelArtifact.Save(this, path, preprocessingJson);

    /// <summary>Loads a model saved with <see cref="Save"/>; it predicts exactly as the saved one.</summary>
    /// <param name="path">The artifact.</param>
    /// <param name="device">Optionally, another device to load onto.</param>
    public static MultiTaskModel Load(string path, string? device = null) => ModelArtifact.Load(path, device).Model;
}
