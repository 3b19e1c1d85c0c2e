namespace RecSharp.Layers;

/// <summary>
/// The state-dict keys a module will have and the shape of each, computed from its hyper-parameters alone: nothing
/// is built and no tensor allocated. A model description is checked against a file's tensors with it before the model
/// is built, so a description that claims more than the file holds is refused without allocating what it claims.
/// Each module type describes itself beside its constructor; tests hold the two to the same keys and shapes.
/// </summary>
internal sealed class StateShapes
{
    private readonly Dictionary<string, long[]> _shapes = new(StringComparer.Ordinal);

    /// <summary>The shape of every key.</summary>
    public IReadOnlyDictionary<string, long[]> ByKey => _shapes;

    /// <summary>Adds one tensor.</summary>
    public StateShapes Add(string key, params long[] shape)
    {
        _shapes.Add(key, shape);
        return this;
    }

    /// <summary>Adds every tensor of a submodule registered as <paramref name="prefix"/>.</summary>
    public StateShapes Add(string prefix, StateShapes submodule)
    {
        foreach (var (key, shape) in submodule._shapes) _shapes.Add($"{prefix}.{key}", shape);
        return this;
    }

    /// <summary>The tensors of a <c>BatchNorm1d</c> over <paramref name="features"/> features.</summary>
    public static StateShapes BatchNorm(long features) => new StateShapes()
        .Add("weight", features).Add("bias", features).Add("running_mean", features).Add("running_var", features)
        .Add("num_batches_tracked");
}
