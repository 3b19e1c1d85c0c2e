using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// The multi-gate mixture of experts (Ma et al., KDD 2018): experts that all read the input, and per task a gate that
/// mixes them. Its children have the reference's names, <c>expert_dnn.&lt;i&gt;</c>, <c>gate_dnn.&lt;t&gt;</c> (when
/// gates have hidden units) and <c>gate_dnn_final_layer.&lt;t&gt;</c>; MMOE takes them as its own.
/// </summary>
internal sealed class MixtureOfExperts : nn.Module<Tensor, Tensor[]>
{
    [ComponentName(Name = "expert_dnn")]
    private readonly ModuleList<Dnn> _experts;
    [ComponentName(Name = "gate_dnn")]
    private readonly ModuleList<Dnn>? _gateDnn;
    [ComponentName(Name = "gate_dnn_final_layer")]
    private readonly ModuleList<Linear> _gateFinal;
    private readonly ExpertGate[] _gates;

    /// <summary>Creates the experts and one gate per task.</summary>
    /// <param name="inputDim">Width of the input every expert and gate reads.</param>
    /// <param name="experts">Number of experts.</param>
    /// <param name="tasks">Number of tasks, one gate each.</param>
    /// <param name="expertUnits">Units of each expert's DNN.</param>
    /// <param name="gateUnits">Units of each gate's DNN; empty for a single linear layer.</param>
    /// <param name="options">DNN settings.</param>
    public MixtureOfExperts(long inputDim, int experts, int tasks, IReadOnlyList<int> expertUnits,
        IReadOnlyList<int> gateUnits, DnnOptions options) : base(nameof(MixtureOfExperts))
    {
        _experts = nn.ModuleList(Enumerable.Range(0, experts).Select(_ => new Dnn(inputDim, expertUnits, options))
            .ToArray());
        _gates = Enumerable.Range(0, tasks).Select(_ => new ExpertGate(inputDim, experts, gateUnits, options))
            .ToArray();
        if (gateUnits.Count > 0) _gateDnn = nn.ModuleList(_gates.Select(g => g.Hidden!).ToArray());
        _gateFinal = nn.ModuleList(_gates.Select(g => g.Final).ToArray());
        RegisterComponents();
    }

    /// <summary>The tensors of a mixture built with these arguments, by its own keys.</summary>
    internal static StateShapes Shapes(long inputDim, int experts, int tasks, IReadOnlyList<int> expertUnits,
        IReadOnlyList<int> gateUnits, DnnOptions options)
    {
        var shapes = new StateShapes();
        for (int e = 0; e < experts; e++) shapes.Add($"expert_dnn.{e}", Dnn.Shapes(inputDim, expertUnits, options));
        for (int t = 0; t < tasks; t++)
        {
            if (gateUnits.Count > 0) shapes.Add($"gate_dnn.{t}", Dnn.Shapes(inputDim, gateUnits, options));
            shapes.Add($"gate_dnn_final_layer.{t}.weight", ExpertGate.FinalShape(inputDim, experts, gateUnits));
        }
        return shapes;
    }

    /// <summary>Number of experts.</summary>
    public int Experts => _experts.Count;

    /// <summary>Each task's mixture of the experts, <c>(batch, expert dim)</c>, for <c>(batch, inputDim)</c>.</summary>
    public override Tensor[] forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var experts = stack(_experts.Select(e => e.forward(input)), 1);                    // (batch, experts, dim)
        var mixed = _gates.Select(g => ExpertGate.Mix(g.forward(input), experts)).ToArray(); // each (batch, dim)
        foreach (var task in mixed) task.MoveToOuterDisposeScope();
        return mixed;
    }

    /// <summary>Per task, the mean softmax weight its gate gives each expert over the batch.</summary>
    public double[][] MeanGateWeights(Tensor input) => _gates.Select(g => g.MeanWeights(input)).ToArray();
}
