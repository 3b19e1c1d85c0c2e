using TorchSharp.Modules;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// The <see cref="FlatGroup"/> of an optimizer's single parameter group, bound at the first step that can and bound
/// again whenever something broke it. Optimizers with several parameter groups step parameter by parameter.
/// </summary>
internal sealed class FlatBinding(IReadOnlyList<StateSlot> slots) : IDisposable
{
    private FlatGroup? _group;

    /// <summary>The intact flat group of <paramref name="groups"/>' only group, or null where there is none.</summary>
    public FlatGroup? Current(IList<ParamGroup> groups)
    {
        if (groups.Count != 1) return null;
        var parameters = groups[0].Parameters as IReadOnlyList<Parameter> ?? groups[0].Parameters.ToArray();
        if (_group is not null && _group.IsIntact(parameters)) return _group;
        _group?.Dispose();
        _group = FlatGroup.TryCreate(parameters, slots);
        return _group;
    }

    /// <summary>Zeroes every gradient in one operation where the group is bound and intact; false otherwise.</summary>
    public bool TryZeroGradients(IList<ParamGroup> groups)
    {
        if (_group is null || groups.Count != 1) return false;
        var parameters = groups[0].Parameters as IReadOnlyList<Parameter> ?? groups[0].Parameters.ToArray();
        if (!_group.IsIntact(parameters)) return false;
        _group.Gradients.zero_();
        return true;
    }

    /// <summary>Frees the flat buffers' handles.</summary>
    public void Dispose() => _group?.Dispose();
}
