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

    /// <summary>Adds every tensor of a block whose children the module takes as its own (same keys).</summary>
    public StateShapes Add(StateShapes block) => Add(block, key => key);

    /// <summary>
    /// Adds the tensors of member <paramref name="index"/> of blocks whose children are listed over the members: each
    /// key gets the index after its first part (<c>shared_gate_dnn.linears.0.weight</c> becomes
    /// <c>shared_gate_dnn.&lt;index&gt;.linears.0.weight</c>).
    /// </summary>
    public StateShapes AddListed(int index, StateShapes member) => Add(member, key =>
        key.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? $"{key[..dot]}.{index}{key[dot..]}" : key);

    private StateShapes Add(StateShapes other, Func<string, string> rename)
    {
        foreach (var (key, shape) in other._shapes) _shapes.Add(rename(key), shape);
        return this;
    }

    /// <summary>The tensors of a <c>BatchNorm1d</c> over <paramref name="features"/> features.</summary>
    public static StateShapes BatchNorm(long features) => new StateShapes()
        .Add("weight", features).Add("bias", features).Add("running_mean", features).Add("running_var", features)
        .Add("num_batches_tracked");
}
