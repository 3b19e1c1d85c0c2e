using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// The <see cref="FlatGroup"/> of an optimizer's single parameter group, bound at the first step that can and bound
/// again whenever something broke it, and the optimizer's constant scalars, which live as long as it. Optimizers with
/// several parameter groups step parameter by parameter.
/// </summary>
internal sealed class FlatBinding(IReadOnlyList<StateSlot> slots) : IDisposable
{
    private readonly StepScalars _constants = new();
    private FlatGroup? _group;

    /// <summary>A constant of the optimizer's update, referenced until the optimizer is disposed.</summary>
    public Scalar Constant(double value) => _constants.Of(value);

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

    /// <summary>
    /// One step of <paramref name="update"/> over <paramref name="group"/>, the only group of
    /// <paramref name="groups"/>: once over the flat group where it can be bound and every bound parameter's step
    /// count agrees, parameter by parameter (those with a gradient) otherwise. <paramref name="countStep"/> counts a
    /// parameter's step and returns its count.
    /// </summary>
    public void Step(IList<ParamGroup> groups, ParamGroup group, Func<Parameter, long> countStep,
        ElementwiseUpdate update)
    {
        if (Current(groups) is { } flat)
        {
            var parameters = flat.Bound;
            var steps = parameters.Select(countStep).ToArray();
            if (steps.All(s => s == steps[0]))
            {
                update(flat.Values, flat.Gradients, flat.States, steps[0]);
                return;
            }
            for (int i = 0; i < parameters.Count; i++)
                update(parameters[i], parameters[i].grad!, StatesOf(parameters[i]), steps[i]);
            return;
        }
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is not null) update(parameter, grad, StatesOf(parameter), countStep(parameter));
        }
    }

    /// <summary>Frees the flat buffers' handles and the constants.</summary>
    public void Dispose()
    {
        _group?.Dispose();
        _constants.Dispose();
    }

    private Tensor[] StatesOf(Parameter parameter) => slots.Select(slot => slot.Get(parameter)).ToArray();
}
