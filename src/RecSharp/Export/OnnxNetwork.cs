namespace RecSharp.Export;

/// <summary>
/// What the writers of the layers share: the graph under construction and the model's modules by path.
/// </summary>
/// <param name="Graph">The graph being built.</param>
/// <param name="Modules">The model's modules by state-dict path.</param>
internal sealed record OnnxNetwork(OnnxGraph Graph, ModuleIndex Modules)
{
    /// <summary>
    /// The tensor <paramref name="name"/> of the module at <paramref name="path"/> as an initializer keyed
    /// <c>path.name</c>.
    /// </summary>
    public string Weight(string path, string name) => Graph.Weight($"{path}.{name}", Modules.Tensor(path, name));

    /// <summary>Whether the module at <paramref name="path"/> has a tensor named <paramref name="name"/>.</summary>
    public bool HasTensor(string path, string name) =>
        Modules.Has(path) && Modules.Get(path).state_dict().ContainsKey(name);

    /// <summary>Whether a module is registered at <paramref name="path"/>.</summary>
    public bool Has(string path) => Modules.Has(path);

    /// <summary>A node with one output (see <see cref="OnnxGraph.Node"/>).</summary>
    public string Node(string op, string hint, params string[] inputs) => Graph.Node(op, hint, inputs);
}
