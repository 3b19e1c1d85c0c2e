using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// The arithmetic of one <see cref="CgcLevel"/> in a few large operations instead of several small ones per expert
/// and gate. It reads the level's own parameters at every call, so state-dict keys, initialisation and gradients
/// are those of the per-module path, and it computes the same function up to floating-point rounding:
/// <list type="number">
/// <item>the first layers of every expert and gate that read the same input are one matrix product, with their
/// weights concatenated;</item>
/// <item>each expert's further layers are one product each; the experts' outputs are stacked;</item>
/// <item>the gates' further layers are one product each, with block-diagonal weights; each gate's final layer is
/// spread over all experts of the level (−∞ logits for the experts it does not mix), so one softmax gives every
/// gate's weights, zero where the gate does not look;</item>
/// <item>one batched product mixes the experts for every gate at once.</item>
/// </list>
/// It holds only when the activation is a plain function and there is no BatchNorm, nor dropout while training
/// (<see cref="Supports"/>); otherwise the per-module path runs.
/// </summary>
internal sealed class FusedCgcLevel : IDisposable
{
    private readonly int _tasks;
    private readonly int _specific;
    private readonly Dnn[] _experts;        // task 0's experts, task 1's, …, then the shared ones
    private readonly ExpertGate[] _gates;   // the task gates, then the shared gate
    private readonly Func<Tensor, Tensor> _activation;  // in place, on fresh layer outputs
    private readonly Dictionary<(DeviceType, int, bool), (Tensor Rows, Tensor Masked)> _gateLayouts = [];

    /// <summary>Reads the modules of a level built for <paramref name="tasks"/> tasks with <paramref name="specific"/>
    /// experts each.</summary>
    public FusedCgcLevel(int tasks, int specific, IReadOnlyList<Dnn> experts, IReadOnlyList<ExpertGate> gates,
        DnnOptions options)
    {
        _tasks = tasks;
        _specific = specific;
        _experts = experts.ToArray();
        _gates = gates.ToArray();
        _activation = options.Activation.InPlace
            ?? (x => throw new InvalidOperationException($"activation {options.Activation} cannot be fused"));
    }

    /// <summary>Whether the fused arithmetic equals the per-module path for DNNs built with <paramref
    /// name="options"/>.</summary>
    public static bool Supports(DnnOptions options, bool training) =>
        options.Activation.InPlace is not null && !options.UseBn && (options.DropoutRate == 0 || !training);

    /// <summary>
    /// Runs the level. <paramref name="input"/> is either the one <c>(batch, inputDim)</c> tensor every expert and gate
    /// reads (<paramref name="inputIsShared"/>, the first level), or the stacked inputs <c>(batch, tasks [+ 1],
    /// inputDim)</c>: each task's, then the shared one (absent when the level has no shared experts and no shared gate
    /// to compute). Returns the stacked outputs <c>(batch, tasks, dim)</c>, with the shared output appended when
    /// <paramref name="computeShared"/>.
    /// </summary>
    public Tensor Forward(Tensor input, bool inputIsShared, bool computeShared)
    {
        using var scope = NewDisposeScope();
        int gates = _tasks + (computeShared ? 1 : 0);
        var experts = new Tensor[_experts.Length];                                          // each (batch, width)
        // (batch, gates · width) or (batch, inputDim)
        Tensor gateInput;
        bool gatesReadOneInput = false;
        bool gateHidden = _gates[0].Hidden is not null;
        if (inputIsShared)
        {
            var layers = _experts.Select(e => e.Linears[0]).ToList();
            if (gateHidden) layers.AddRange(_gates.Take(gates).Select(g => g.Hidden!.Linears[0]));
            var parts = Project(input, layers, gateHidden ? gates : 0);
            Array.Copy(parts, experts, experts.Length);
            gateInput = gateHidden ? parts[^1] : input;
            gatesReadOneInput = !gateHidden;
        }
        else
        {
            // tasks [+ 1] × (batch, inputDim)
            var inputs = input.unbind(1);
            var gateParts = new Tensor[gates];
            for (int group = 0; group <= _tasks; group++)
            {
                var members = ExpertsReading(group);
                var layers = members.Select(e => _experts[e].Linears[0]).ToList();
                bool gate = gateHidden && group < gates;
                if (gate) layers.Add(_gates[group].Hidden!.Linears[0]);
                // no shared experts, no shared gate: no shared input
                if (layers.Count == 0) continue;
                var parts = Project(inputs[group], layers, gate ? 1 : 0);
                for (int k = 0; k < members.Length; k++) experts[members[k]] = parts[k];
                if (gate) gateParts[group] = parts[^1];
            }
            gateInput = cat(gateHidden ? gateParts : inputs.Take(gates).ToArray(), 1);
        }

        for (int e = 0; e < experts.Length; e++)
        {
            var linears = _experts[e].Linears;
            for (int i = 1; i < linears.Count; i++)
                experts[e] = _activation(nn.functional.linear(experts[e], linears[i].weight, linears[i].bias));
        }
        var stackedExperts = stack(experts, 1);                                             // (batch, experts, dim)

        var weights = GateWeights(gateInput, gates, gatesReadOneInput, computeShared);      // (batch, gates, experts)
        return weights.bmm(stackedExperts).MoveToOuterDisposeScope();                       // (batch, gates, dim)
    }

    /// <summary>
    /// One product of <paramref name="x"/> with the concatenated <paramref name="layers"/>, activated, split into
    /// one part per layer, except that the last <paramref name="joinedLast"/> layers stay joined in one part.
    /// </summary>
    private Tensor[] Project(Tensor x, List<Linear> layers, int joinedLast)
    {
        var y = layers.Count == 1
            ? nn.functional.linear(x, layers[0].weight, layers[0].bias)
            : nn.functional.linear(x, cat(layers.Select(l => (Tensor)l.weight).ToArray(), 0),
                cat(layers.Select(l => (Tensor)l.bias!).ToArray(), 0));
        y = _activation(y);                                                                 // (batch, Σ units)
        var sizes = layers.Take(layers.Count - joinedLast).Select(l => l.weight.shape[0]).ToList();
        if (joinedLast > 0) sizes.Add(layers.Skip(layers.Count - joinedLast).Sum(l => l.weight.shape[0]));
        return sizes.Count == 1 ? [y] : y.split(sizes.ToArray(), 1);
    }

    /// <summary>Every gate's softmax weights over all experts of the level, <c>(batch, gates, experts)</c>.</summary>
    private Tensor GateWeights(Tensor gateInput, int gates, bool readOneInput, bool computeShared)
    {
        var hidden = gateInput;                                                             // (batch, gates · width)
        var gateLayers = _gates.Take(gates).ToArray();
        int depth = gateLayers[0].Hidden?.Linears.Count ?? 0;
        for (int i = 1; i < depth; i++)
        {
            var w = block_diag(gateLayers.Select(g => (Tensor)g.Hidden!.Linears[i].weight).ToArray());
            var b = cat(gateLayers.Select(g => (Tensor)g.Hidden!.Linears[i].bias!).ToArray(), 0);
            hidden = _activation(nn.functional.linear(hidden, w, b));
        }
        // each (experts of g, width)
        var finals = gateLayers.Select(g => (Tensor)g.Final.weight).ToArray();
        // (Σ experts of g, input width)
        var joined = readOneInput ? cat(finals, 0) : block_diag(finals);
        var (rows, masked) = Layout(gateInput.device, computeShared);
        // (gates · experts, input width)
        var spread = nn.functional.pad(joined, [0, 0, 0, 1]).index_select(0, rows);
        var logits = nn.functional.linear(hidden, spread)
            .view(hidden.shape[0], gates, _experts.Length)
            .masked_fill(masked, double.NegativeInfinity);                                  // (batch, gates, experts)
        return logits.softmax(2);
    }

    /// <summary>
    /// For each gate and expert of the level, the row of the joined final weights holding that gate's weights for that
    /// expert (the appended zero row when the gate does not mix it), and whether it does not.
    /// </summary>
    private (Tensor Rows, Tensor Masked) Layout(Device device, bool computeShared)
    {
        var key = (device.type, device.index, computeShared);
        lock (_gateLayouts)
        {
            if (!_gateLayouts.TryGetValue(key, out var layout))
                _gateLayouts[key] = layout = CreateLayout(device, computeShared);
            return layout;
        }
    }

    private (Tensor Rows, Tensor Masked) CreateLayout(Device device, bool computeShared)
    {
        int gates = _tasks + (computeShared ? 1 : 0), experts = _experts.Length;
        var members = Enumerable.Range(0, gates).Select(GateExperts).ToArray();
        int zeroRow = members.Sum(m => m.Length);
        var rows = new long[gates * experts];
        var masked = new bool[gates * experts];
        for (int g = 0, offset = 0; g < gates; offset += members[g].Length, g++)
        {
            for (int e = 0; e < experts; e++)
            {
                int k = Array.IndexOf(members[g], e);
                rows[g * experts + e] = k >= 0 ? offset + k : zeroRow;
                masked[g * experts + e] = k < 0;
            }
        }
        return (tensor(rows, device: device).DetachFromDisposeScope(),
                tensor(masked, [gates, experts], device: device).DetachFromDisposeScope());
    }

    /// <summary>The experts gate <paramref name="gate"/> mixes, in the order of its logits: its task's, then the shared
    /// ones; all for the shared gate.</summary>
    private int[] GateExperts(int gate) => gate == _tasks
        ? Enumerable.Range(0, _experts.Length).ToArray()
        : Enumerable.Range(gate * _specific, _specific)
            .Concat(Enumerable.Range(_tasks * _specific, _experts.Length - _tasks * _specific)).ToArray();

    /// <summary>The experts reading input <paramref name="group"/>: a task's own experts, or the shared ones for the
    /// last group.</summary>
    private int[] ExpertsReading(int group) => group == _tasks
        ? Enumerable.Range(_tasks * _specific, _experts.Length - _tasks * _specific).ToArray()
        : Enumerable.Range(group * _specific, _specific).ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gateLayouts)
        {
            foreach (var (rows, masked) in _gateLayouts.Values)
            {
                rows.Dispose();
                masked.Dispose();
            }
            _gateLayouts.Clear();
        }
    }
}
