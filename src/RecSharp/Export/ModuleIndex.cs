using static TorchSharp.torch;

namespace RecSharp.Export;

/// <summary>
/// A model's modules by their state-dict path (<c>specific_experts.0.1.0</c>, <c>tower_dnn.1</c>, …), so the
/// exporter walks the registered, per-module structure — the one the reference's keys describe — rather than any fast
/// path.
/// </summary>
internal sealed class ModuleIndex
{
    private readonly Dictionary<string, nn.Module> _modules;

    /// <summary>Indexes every module of <paramref name="model"/>.</summary>
    public ModuleIndex(nn.Module model) =>
        _modules = model.named_modules().ToDictionary(m => m.name, m => m.module, StringComparer.Ordinal);

    /// <summary>Whether a module is registered at <paramref name="path"/>.</summary>
    public bool Has(string path) => _modules.ContainsKey(path);

    /// <summary>The module at <paramref name="path"/>, which must be a <typeparamref name="T"/>.</summary>
    public T Get<T>(string path) where T : nn.Module =>
        _modules.TryGetValue(path, out var module)
            ? module as T ?? throw new OnnxExportException(
                $"module \"{path}\" is a {module.GetType().Name}, not a {typeof(T).Name}")
            : throw new OnnxExportException($"the model has no module \"{path}\"");

    /// <summary>The module at <paramref name="path"/>, whatever its type.</summary>
    public nn.Module Get(string path) => Get<nn.Module>(path);

    /// <summary>
    /// The tensor named <paramref name="name"/> (a parameter or buffer) of the module at <paramref name="path"/>.
    /// </summary>
    public Tensor Tensor(string path, string name) =>
        Get(path).state_dict().TryGetValue(name, out var tensor)
            ? tensor
            : throw new OnnxExportException($"module \"{path}\" has no tensor \"{name}\"");
}
