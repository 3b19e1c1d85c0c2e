using RecSharp.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// A parameter group whose parameters, gradients and per-parameter state tensors are views of one contiguous
/// float32 buffer each, in the group's order, so that an optimizer updates every parameter in a few element-wise
/// operations instead of a few per parameter. Parameters without a gradient when the group is bound (a layer whose
/// output the forward pass does not use, such as PLE's last shared gate) stay outside it: an optimizer skips them, as
/// torch's do, and the group stays bound as long as they have none. The parameters keep their objects and shapes
/// (their storage becomes the buffer's, via <c>set_</c>), so modules, state dicts and checkpoints see no difference;
/// autograd accumulates into the gradient views in place, and the optimizer's state keeps one tensor per parameter and
/// field.
/// <para>
/// Anything that replaces a parameter's storage, a gradient or a state tensor breaks the binding;
/// <see cref="IsIntact"/> tells, and the optimizer then binds again from the current values.
/// </para>
/// </summary>
/// <param name="group">Every parameter of the group, bound or not, in its order.</param>
/// <param name="parameters">The bound parameters, in the buffers' order.</param>
/// <param name="slots">The optimizer's state slots.</param>
/// <param name="values">The parameters' buffer.</param>
/// <param name="gradients">The gradients' buffer.</param>
/// <param name="states">Each slot's buffer.</param>
/// <param name="stateViews">Each slot's view of each parameter: <c>[slot][parameter]</c>.</param>
/// <param name="offsets">Where each parameter starts in the buffers.</param>
internal sealed class FlatGroup(Parameter[] group, Parameter[] parameters, IReadOnlyList<StateSlot> slots,
    Tensor values, Tensor gradients, Tensor[] states, Tensor[][] stateViews, long[] offsets) : IDisposable
{
    /// <summary>Every parameter, one after the other: <c>(elements)</c>.</summary>
    public Tensor Values { get; } = values;

    /// <summary>Every parameter's gradient, aligned with <see cref="Values"/>: <c>(elements)</c>.</summary>
    public Tensor Gradients { get; } = gradients;

    /// <summary>Each state slot's tensors, aligned with <see cref="Values"/>: <c>(elements)</c> per slot.</summary>
    public IReadOnlyList<Tensor> States { get; } = states;

    /// <summary>The bound parameters (those that had a gradient when the group was bound), in the group's order.
    /// </summary>
    public IReadOnlyList<Parameter> Bound { get; } = parameters;

    /// <summary>
    /// Binds those of <paramref name="group"/> that have a gradient, their gradients and <paramref name="slots"/> into
    /// flat buffers, copying the current values; null (and nothing changed) unless at least one has a gradient and
    /// every one that has is a float32 tensor on one device with a gradient of its own shape.
    /// </summary>
    public static FlatGroup? TryCreate(IReadOnlyList<Parameter> group, IReadOnlyList<StateSlot> slots)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parameters = group.Where(p => p.grad is not null).ToArray();
        if (parameters.Length == 0 || !parameters.All(p => CanBind(p, parameters[0].device))) return null;
        long total = parameters.Sum(p => p.numel());
        var device = parameters[0].device;
        var values = empty(total, ScalarType.Float32, device);                             // (elements)
        var gradients = empty(total, ScalarType.Float32, device);                          // (elements)
        var states = slots.Select(_ => empty(total, ScalarType.Float32, device)).ToArray(); // (elements) each
        var stateViews = slots.Select(_ => new Tensor[parameters.Length]).ToArray();
        var offsets = new long[parameters.Length];
        long offset = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            offsets[i] = offset;
            long size = parameter.numel();
            var value = values.narrow(0, offset, size).view(parameter.shape);
            value.copy_(parameter);
            parameter.set_(value);
            var gradient = gradients.narrow(0, offset, size).view(parameter.shape);
            gradient.copy_(parameter.grad!);
            parameter.grad = gradient;
            for (int s = 0; s < slots.Count; s++)
            {
                var old = slots[s].Get(parameter);
                var view = states[s].narrow(0, offset, size).view(parameter.shape).DetachFromDisposeScope();
                view.copy_(old);
                slots[s].Set(parameter, view);
                old.Dispose();
                stateViews[s][i] = view;
            }
            offset += size;
        }
        return new FlatGroup(group.ToArray(), parameters, slots, values.DetachFromDisposeScope(),
            gradients.DetachFromDisposeScope(),
            states.Select(t => t.DetachFromDisposeScope()).ToArray(), stateViews, offsets);
    }

    /// <summary>
    /// Whether <paramref name="current"/> is still the group it was bound from: each bound parameter and gradient still
    /// a view of its buffer at its place, each state tensor still the bound view, and every parameter left out still
    /// without a gradient.
    /// </summary>
    public bool IsIntact(IReadOnlyList<Parameter> current)
    {
        if (current.Count != group.Length) return false;
        for (int i = 0; i < group.Length; i++)
            if (!ReferenceEquals(current[i], group[i])) return false;
        using var scope = NewDisposeScope();
        var valuesAddress = StorageAddress(Values);
        var gradientsAddress = StorageAddress(Gradients);
        for (int i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (StorageAddress(parameter) != valuesAddress || parameter.storage_offset() != offsets[i]) return false;
            var gradient = parameter.grad;
            if (gradient is null || StorageAddress(gradient) != gradientsAddress
                || gradient.storage_offset() != offsets[i])
            {
                return false;
            }
            for (int s = 0; s < slots.Count; s++)
                if (!ReferenceEquals(slots[s].Get(parameter), stateViews[s][i])) return false;
        }
        return LeftOutHaveNoGradient();
    }

    // Every parameter of the group that is not bound still has no gradient. The bound ones are the group's in its
    // order, so one pass over both finds the others.
    private bool LeftOutHaveNoGradient()
    {
        int next = 0;
        foreach (var parameter in group)
        {
            if (next < parameters.Length && ReferenceEquals(parameter, parameters[next]))
            {
                next++;
            }
            else if (parameter.grad is not null)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Frees the buffers' own handles; the parameters, gradients and state views keep the storage
    /// alive.</summary>
    public void Dispose()
    {
        Values.Dispose();
        Gradients.Dispose();
        foreach (var state in States) state.Dispose();
    }

    private static bool CanBind(Parameter parameter, Device device)
    {
        if (parameter.dtype != ScalarType.Float32 || !TensorDevices.SameDevice(parameter.device, device)) return false;
        var gradient = parameter.grad;
        return gradient is not null && gradient.dtype == ScalarType.Float32
            && gradient.shape.SequenceEqual(parameter.shape)
               && TensorDevices.SameDevice(gradient.device, device);
    }

    private static IntPtr StorageAddress(Tensor tensor) => tensor.storage<float>().data_ptr();
}
