using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// One level of Customized Gate Control (Tang et al., RecSys 2020, §4.2): each task has its own experts and all
/// tasks share <c>sharedExperts</c> more. Each task's gate mixes its own experts and the shared ones; the shared gate
/// mixes every expert and becomes the shared input of the next level. PLE stacks these levels; CGC is one level.
/// <para>
/// The level owns its modules; the model registers them under the reference's names
/// (<c>specific_experts.&lt;level&gt;.&lt;task&gt;.&lt;k&gt;</c>, <c>shared_experts.&lt;level&gt;.0.&lt;k&gt;</c>, …).
/// </para>
/// <para>
/// <see cref="Forward"/> runs module by module, as the paper's figure reads; <see cref="ForwardFused"/> computes the same
/// over the same parameters in a few large operations, where <see cref="CanFuse"/>.
/// </para>
/// </summary>
internal sealed class CgcLevel : IDisposable
{
    private readonly ExpertGate[] _taskGates;
    private readonly ExpertGate _sharedGate;
    private readonly DnnOptions _options;
    private readonly FusedCgcLevel _fused;

    /// <summary>Creates a level.</summary>
    /// <param name="inputDim">Width of the level's inputs (the network input at level 0, the expert width after).</param>
    /// <param name="tasks">Number of tasks.</param>
    /// <param name="specificExperts">Experts per task.</param>
    /// <param name="sharedExperts">Experts shared by all tasks.</param>
    /// <param name="expertUnits">Units of each expert's DNN.</param>
    /// <param name="gateUnits">Units of each gate's DNN; empty for a single linear layer.</param>
    /// <param name="options">DNN settings.</param>
    public CgcLevel(long inputDim, int tasks, int specificExperts, int sharedExperts,
        IReadOnlyList<int> expertUnits, IReadOnlyList<int> gateUnits, DnnOptions options)
    {
        Tasks = tasks;
        SpecificExperts = nn.ModuleList(Enumerable.Range(0, tasks)
            .Select(_ => nn.ModuleList(Enumerable.Range(0, specificExperts).Select(_ => new Dnn(inputDim, expertUnits, options)).ToArray()))
            .ToArray());
        SharedExperts = nn.ModuleList(nn.ModuleList(Enumerable.Range(0, sharedExperts)
            .Select(_ => new Dnn(inputDim, expertUnits, options)).ToArray()));
        _taskGates = Enumerable.Range(0, tasks)
            .Select(_ => new ExpertGate(inputDim, specificExperts + sharedExperts, gateUnits, options)).ToArray();
        _sharedGate = new ExpertGate(inputDim, tasks * specificExperts + sharedExperts, gateUnits, options);
        if (gateUnits.Count > 0)
            SpecificGateDnn = nn.ModuleList(_taskGates.Select(g => nn.ModuleList(g.Hidden!)).ToArray());
        SpecificGateFinal = nn.ModuleList(_taskGates.Select(g => g.Final).ToArray());
        OutputDim = expertUnits[^1];
        _options = options;
        _fused = new FusedCgcLevel(tasks, specificExperts, SpecificExperts.SelectMany(e => e).Concat(SharedExperts[0]).ToArray(),
            _taskGates.Append(_sharedGate).ToArray(), options);
    }

    /// <summary>Number of tasks.</summary>
    public int Tasks { get; }

    /// <summary>Width of every output.</summary>
    public long OutputDim { get; }

    /// <summary>Task experts, <c>[task][k]</c>.</summary>
    public ModuleList<ModuleList<Dnn>> SpecificExperts { get; }

    /// <summary>Shared experts, <c>[0][k]</c> (the reference's extra list level).</summary>
    public ModuleList<ModuleList<Dnn>> SharedExperts { get; }

    /// <summary>The task gates' DNNs, <c>[task][0]</c>, or null when gates have no hidden units.</summary>
    public ModuleList<ModuleList<Dnn>>? SpecificGateDnn { get; }

    /// <summary>The task gates' final layers, <c>[task]</c>.</summary>
    public ModuleList<Linear> SpecificGateFinal { get; }

    /// <summary>The shared gate's DNN, or null when gates have no hidden units.</summary>
    public Dnn? SharedGateDnn => _sharedGate.Hidden;

    /// <summary>The shared gate's final layer.</summary>
    public Linear SharedGateFinal => _sharedGate.Final;

    /// <summary>
    /// Runs the level. <paramref name="inputs"/> holds one <c>(batch, inputDim)</c> tensor per task and the shared
    /// input last. Returns one <c>(batch, OutputDim)</c> tensor per task and, when <paramref name="computeShared"/>,
    /// the shared output last (the last level's shared output feeds nothing, so PLE skips it).
    /// </summary>
    public Tensor[] Forward(IReadOnlyList<Tensor> inputs, bool computeShared)
    {
        using var scope = NewDisposeScope();
        var sharedInput = inputs[Tasks];
        var shared = SharedExperts[0].Select(e => e.forward(sharedInput)).ToArray();          // each (batch, dim)
        var specific = new Tensor[Tasks][];
        var outputs = new List<Tensor>(Tasks + 1);
        for (int t = 0; t < Tasks; t++)
        {
            specific[t] = SpecificExperts[t].Select(e => e.forward(inputs[t])).ToArray();
            var experts = stack(specific[t].Concat(shared), 1);                               // (batch, own + shared, dim)
            outputs.Add(ExpertGate.Mix(_taskGates[t].Weights(inputs[t]), experts));            // (batch, dim)
        }
        if (computeShared)
        {
            var all = stack(specific.SelectMany(e => e).Concat(shared), 1);                   // (batch, all experts, dim)
            outputs.Add(ExpertGate.Mix(_sharedGate.Weights(sharedInput), all));
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
    /// <c>(batch, inputDim)</c> tensor every expert and gate reads when <paramref name="inputIsShared"/>, else the inputs
    /// stacked <c>(batch, tasks [+ 1], inputDim)</c> in the order of <see cref="Forward"/> (the shared input may be left out
    /// when the level has no shared experts and <paramref name="computeShared"/> is false). Returns the outputs stacked
    /// <c>(batch, tasks [+ 1], OutputDim)</c>, the shared one last when <paramref name="computeShared"/>.
    /// </summary>
    public Tensor ForwardFused(Tensor input, bool inputIsShared, bool computeShared) => _fused.Forward(input, inputIsShared, computeShared);

    /// <summary>
    /// The mean softmax weight each gate gives each expert over the batch: the task gates first (own experts, then
    /// shared), then the shared gate (every expert) — each row sums to one.
    /// </summary>
    public double[][] MeanGateWeights(IReadOnlyList<Tensor> inputs)
    {
        using var scope = NewDisposeScope();
        var rows = new List<double[]>();
        for (int t = 0; t < Tasks; t++)
            rows.Add(_taskGates[t].Weights(inputs[t]).mean([0L]).to_type(ScalarType.Float64).data<double>().ToArray());
        rows.Add(_sharedGate.Weights(inputs[Tasks]).mean([0L]).to_type(ScalarType.Float64).data<double>().ToArray());
        return rows.ToArray();
    }

    /// <summary>Releases the index tensors the fused path keeps per device (the modules belong to the model).</summary>
    public void Dispose() => _fused.Dispose();
}
