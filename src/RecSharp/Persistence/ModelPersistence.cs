using System.Collections;
using System.Text.RegularExpressions;
using RecSharp.Models;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RecSharp.Persistence;

/// <summary>
/// Saving and loading of every multi-task model: the self-describing artifact (<see cref="Save"/>,
/// <see cref="Load"/>), and weights saved by the reference Python library (a <c>state_dict</c> written with
/// <c>torch.save</c>) loaded into a model with the same state-dict keys. Reading a <c>.pth</c> file unpickles it
/// (through TorchSharp.PyBridge, which only rebuilds tensors and ordered dicts), so load files from sources you trust.
/// </summary>
public static partial class ModelPersistence
{
    /// <summary>Saves the model as one self-describing artifact (see <see cref="ModelArtifact"/>),
    /// atomically.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The artifact.</param>
    /// <param name="preprocessingJson">Optionally, the fitted preprocessing, kept in the artifact.</param>
    public static void Save(this MultiTaskModel model, string path, string? preprocessingJson = null) =>
        ModelArtifact.Save(model, path, preprocessingJson);

    /// <summary>Loads a model saved with <see cref="Save"/>; it predicts exactly as the saved one.</summary>
    /// <param name="path">The artifact.</param>
    /// <param name="device">Optionally, another device to load onto.</param>
    public static MultiTaskModel Load(string path, string? device = null) => ModelArtifact.Load(path, device).Model;

    /// <summary>
    /// Reads the state dict at <paramref name="path"/> (<c>.pth</c>/<c>.pt</c> from <c>torch.save</c> in its zip
    /// format, the default since PyTorch 1.6, or a <c>.safetensors</c> file with the reference's keys) and copies it
    /// into <paramref name="model"/>. Every key of the model must be present with the same shape; a missing key or a
    /// shape mismatch fails naming the key and both shapes, and nothing is copied. Shared experts beyond
    /// <c>sharedExpertNum</c> (written by the reference, which builds <c>specific_expert_num</c> of them) are ignored
    /// with a warning; other unknown keys fail. A file in PyTorch's legacy format
    /// (<c>_use_new_zipfile_serialization=False</c>) fails with <see cref="InvalidDataException"/>, saying how to
    /// re-save it.
    /// Print the result to log what was loaded and ignored.
    /// </summary>
    public static StateDictLoadResult LoadStateDict(this MultiTaskModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!File.Exists(path)) throw new FileNotFoundException($"no state dict at {path}", path);
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            return ModelArtifact.LoadSafeTensorsStateDict(model, path);
        Hashtable table = Unpickle(path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string key && entry.Value is Tensor tensor) tensors[key] = tensor;
            else throw new StateDictMismatchException($"{path} holds an entry that is not a named tensor: {entry.Key}");
        }
        try
        {
            return model.LoadStateDict(tensors);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    /// <summary>Copies named tensors into <paramref name="model"/> with the checks of <see
    /// cref="LoadStateDict(MultiTaskModel, string)"/>.</summary>
    public static StateDictLoadResult LoadStateDict(this MultiTaskModel model,
        IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        var target = model.state_dict();
        var ignored = new List<string>();
        var warnings = new List<string>();
        foreach (var key in tensors.Keys)
        {
            if (target.ContainsKey(key)) continue;
            if (SurplusSharedExpert().IsMatch(key))
            {
                ignored.Add(key);
            }
            else
            {
                throw new StateDictMismatchException(
                    $"unexpected key \"{key}\": the model has no such parameter or buffer");
            }
        }
        foreach (var (key, destination) in target)
        {
            if (!tensors.TryGetValue(key, out var source))
            {
                throw new StateDictMismatchException(
                    $"missing key \"{key}\" (shape {Shape(destination)}) in the state dict");
            }
            if (!source.shape.SequenceEqual(destination.shape))
            {
                throw new StateDictMismatchException(
                    $"key \"{key}\": the file holds shape {Shape(source)} but the model expects {Shape(destination)}");
            }
        }
        model.Access.Exclusive(() =>
        {
            using var noGrad = no_grad();
            foreach (var (key, destination) in target)
                destination.copy_(tensors[key]);
        });
        if (ignored.Count > 0)
        {
            warnings.Add(
                $"ignored {ignored.Count} tensors of unused shared experts (the reference builds specific_expert_num " +
                    $"shared experts): {string.Join(", ", ignored.Take(4))}{(ignored.Count > 4 ? ", …" : "")}");
        }
        return new StateDictLoadResult(target.Count, ignored, warnings);
    }

    private static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    // torch.save has written zip archives since PyTorch 1.6; TorchSharp.PyBridge reads only those.
    private static Hashtable Unpickle(string path)
    {
        const string resave = "re-save it in Python with torch.save(torch.load(path), new_path), which writes the " +
                              "zip format (or save it as safetensors), and load that";
        var start = new byte[4];
        using (var file = File.OpenRead(path)) file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (!start.AsSpan().SequenceEqual("PK\u0003\u0004"u8))
        {
            throw new InvalidDataException($"{path} is not a zip archive: PyTorch's legacy format (torch.save with " +
                                           "_use_new_zipfile_serialization=False), or not a torch.save file at all, " +
                                           $"cannot be read; {resave}");
        }
        try
        {
            return PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (NotImplementedException e)
        {
            throw new InvalidDataException(
                $"{path} holds something TorchSharp.PyBridge cannot read ({e.Message}); {resave}", e);
        }
    }

    [GeneratedRegex(@"^shared_experts\.\d+\.0\.\d+\.")]
    private static partial Regex SurplusSharedExpert();
}
