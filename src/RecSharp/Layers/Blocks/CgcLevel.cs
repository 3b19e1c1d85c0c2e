using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// One level of Customized Gate Control (Tang et al., RecSys 2020, §4.2): each task has its own experts and all
/// tasks share <c>sharedExperts</c> more. Each task's gate mixes its own experts and the shared ones; the shared gate
/// mixes every expert and becomes the shared input of the next level. PLE stacks these levels; CGC is one level.
/// <para>
/// Its children have the reference's names without the level index (<c>specific_experts.&lt;task&gt;.&lt;k&gt;</c>,
/// <c>shared_experts.0.&lt;k&gt;</c>, <c>specific_gate_dnn.&lt;task&gt;.0</c>, <c>shared_gate_dnn</c>,
/// <c>specific_gate_dnn_final_layer.&lt;task&gt;</c>, <c>shared_gate_dnn_final_layer</c>); PLE lists each child over
/// its levels, which puts the index back (<c>specific_experts.&lt;level&gt;.&lt;task&gt;.&lt;k&gt;</c>).
/// </para>
/// <para>
/// <see cref="Forward"/> runs module by module, as the paper's figure reads; <see cref="ForwardFused"/> computes the
/// same over the same parameters in a few large operations, where <see cref="CanFuse"/>.
/// </para>
/// </summary>
internal sealed class CgcLevel : nn.Module
{
    [ComponentName(Name = "specific_experts")]
    private readonly ModuleList<ModuleList<Dnn>> _specificExperts;
    [ComponentName(Name = "shared_experts")]
    private readonly ModuleList<ModuleList<Dnn>> _sharedExperts;
    [ComponentName(Name = "specific_gate_dnn")]
    private readonly ModuleList<ModuleList<Dnn>>? _specificGateDnn;
    [ComponentName(Name = "shared_gate_dnn")]
    private readonly Dnn? _sharedGateDnn;
    [ComponentName(Name = "specific_gate_dnn_final_layer")]
    private readonly ModuleList<Linear> _specificGateFinal;
    [ComponentName(Name = "shared_gate_dnn_final_layer")]
    private readonly Linear _sharedGateFinal;
    private readonly ExpertGate[] _gates;       // the task gates, then the shared gate
    private readonly DnnOptions _options;
    private readonly FusedCgcLevel _fused;

    /// <summary>Creates a level.</summary>
    /// <param name="inputDim">Width of the level's inputs (the network input at level 0, the expert width
    /// after).</param>
    /// <param name="tasks">Number of tasks.</param>
    /// <param name="specificExperts">Experts per task.</param>
    /// <param name="sharedExperts">Experts shared by all tasks.</param>
    /// <param name="expertUnits">Units of each expert's DNN.</param>
    /// <param name="gateUnits">Units of each gate's DNN; empty for a single linear layer.</param>
    /// <param name="options">DNN settings.</param>
    public CgcLevel(long inputDim, int tasks, int specificExperts, int sharedExperts,
        IReadOnlyList<int> expertUnits, IReadOnlyList<int> gateUnits, DnnOptions options)
        : base(nameof(CgcLevel))
    {
        Tasks = tasks;
        _specificExperts = nn.ModuleList(Enumerable.Range(0, tasks)
            .Select(_ => nn.ModuleList(Experts(specificExperts, inputDim, expertUnits, options)))
            .ToArray());
        _sharedExperts = nn.ModuleList(nn.ModuleList(Experts(sharedExperts, inputDim, expertUnits, options)));
        var taskGates = Enumerable.Range(0, tasks)
            .Select(_ => new ExpertGate(inputDim, specificExperts + sharedExperts, gateUnits, options))
            .ToArray();                                     // built before the shared gate, as the reference draws them
        _gates = [.. taskGates, new ExpertGate(inputDim, tasks * specificExperts + sharedExperts, gateUnits, options)];
        if (gateUnits.Count > 0)
            _specificGateDnn = nn.ModuleList(taskGates.Select(g => nn.ModuleList(g.Hidden!)).ToArray());
        _sharedGateDnn = _gates[tasks].Hidden;
        _specificGateFinal = nn.ModuleList(taskGates.Select(g => g.Final).ToArray());
        _sharedGateFinal = _gates[tasks].Final;
        OutputDim = expertUnits[^1];
        _options = options;
        var experts = _specificExperts.SelectMany(e => e).Concat(_sharedExperts[0]).ToArray();
        _fused = new FusedCgcLevel(tasks, specificExperts, experts, _gates, options);
        RegisterComponents();
    }

    /// <summary>The tensors of a level built with these arguments, by the level's own keys.</summary>
    internal static StateShapes Shapes(long inputDim, int tasks, int specificExperts, int sharedExperts,
        IReadOnlyList<int> expertUnits, IReadOnlyList<int> gateUnits, DnnOptions options)
    {
        var shapes = new StateShapes();
        var expert = Dnn.Shapes(inputDim, expertUnits, options);
        var gate = gateUnits.Count > 0 ? Dnn.Shapes(inputDim, gateUnits, options) : null;
        var taskGate = ExpertGate.FinalShape(inputDim, specificExperts + sharedExperts, gateUnits);
        for (int t = 0; t < tasks; t++)
        {
            for (int k = 0; k < specificExperts; k++) shapes.Add($"specific_experts.{t}.{k}", expert);
            if (gate is not null) shapes.Add($"specific_gate_dnn.{t}.0", gate);
            shapes.Add($"specific_gate_dnn_final_layer.{t}.weight", taskGate);
        }
        for (int k = 0; k < sharedExperts; k++) shapes.Add($"shared_experts.0.{k}", expert);
        if (gate is not null) shapes.Add("shared_gate_dnn", gate);
        var sharedGate = ExpertGate.FinalShape(inputDim, tasks * specificExperts + sharedExperts, gateUnits);
        return shapes.Add("shared_gate_dnn_final_layer.weight", sharedGate);
    }

    private static Dnn[] Experts(int count, long inputDim, IReadOnlyList<int> units, DnnOptions options) =>
        Enumerable.Range(0, count).Select(_ => new Dnn(inputDim, units, options)).ToArray();

    /// <summary>Number of tasks.</summary>
    public int Tasks { get; }

    /// <summary>Width of every output.</summary>
    public long OutputDim { get; }

    /// <summary>
    /// Runs the level. <paramref name="inputs"/> holds one <c>(batch, inputDim)</c> tensor per task and the shared
    /// input last. Returns one <c>(batch, OutputDim)</c> tensor per task and, when <paramref name="computeShared"/>,
    /// the shared output last (the last level's shared output feeds nothing, so PLE skips it).
    /// </summary>
    public Tensor[] Forward(IReadOnlyList<Tensor> inputs, bool computeShared)
    {
        using var scope = NewDisposeScope();
        var sharedInput = inputs[Tasks];
        var shared = _sharedExperts[0].Select(e => e.forward(sharedInput)).ToArray();          // each (batch, dim)
        var specific = new Tensor[Tasks][];
        var outputs = new List<Tensor>(Tasks + 1);
        for (int t = 0; t < Tasks; t++)
        {
            specific[t] = _specificExperts[t].Select(e => e.forward(inputs[t])).ToArray();
            // (batch, own + shared, dim)
            var experts = stack(specific[t].Concat(shared), 1);
            outputs.Add(ExpertGate.Mix(_gates[t].forward(inputs[t]), experts));            // (batch, dim)
        }
        if (computeShared)
        {
            // (batch, all experts, dim)
            var all = stack(specific.SelectMany(e => e).Concat(shared), 1);
            outputs.Add(ExpertGate.Mix(_gates[Tasks].forward(sharedInput), all));
        }
        foreach (var output in outputs) output.MoveToOuterDisposeScope();
        return outputs.ToArray();
    }

    /// <summary>
    /// Whether <see cref="ForwardFused"/> computes what <see cref="Forward"/> does (up to rounding): true unless the
    /// activation has parameters or state, BatchNorm is on, or dropout is on while <paramref name="training"/>.
    /// </summary>
    public bool CanFuse(bool training) => FusedCgcLevel.Supports(_options, training);

    /// <summary>
    /// Runs the level in a few large operations (see <see cref="CanFuse"/>). <paramref name="input"/> is the one
    /// <c>(batch, inputDim)</c> tensor every expert and gate reads when <paramref name="inputIsShared"/>, else the
    /// inputs stacked <c>(batch, tasks [+ 1], inputDim)</c> in the order of <see cref="Forward"/> (the shared input may
    /// be left out when the level has no shared experts and <paramref name="computeShared"/> is false). Returns the
    /// outputs stacked
    /// <c>(batch, tasks [+ 1], OutputDim)</c>, the shared one last when <paramref name="computeShared"/>.
    /// </summary>
    public Tensor ForwardFused(Tensor input, bool inputIsShared, bool computeShared) =>
        _fused.Forward(input, inputIsShared, computeShared);

    /// <summary>
    /// The mean softmax weight each gate gives each expert over the batch: the task gates first (own experts, then
    /// shared), then the shared gate (every expert) — each row sums to one.
    /// </summary>
    public double[][] MeanGateWeights(IReadOnlyList<Tensor> inputs)
    {
        return _gates.Select((gate, g) => gate.MeanWeights(inputs[g])).ToArray();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _fused.Dispose();
        base.Dispose(disposing);
    }
}
