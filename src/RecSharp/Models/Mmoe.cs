using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Layers.Activations;
using RecSharp.Layers.Blocks;
using static TorchSharp.torch;

namespace RecSharp.Models;

/// <summary>
/// Multi-gate Mixture-of-Experts (Ma et al., "Modeling Task Relationships in Multi-task Learning with Multi-gate
/// Mixture-of-Experts", KDD 2018): <c>numExperts</c> experts over the input; per task, a gate mixes them, then the
/// task's tower. Same parameters, defaults and state-dict keys as deepctr-torch's <c>MMOE</c>
/// (<c>expert_dnn.&lt;i&gt;</c>, <c>gate_dnn.&lt;t&gt;</c>, <c>gate_dnn_final_layer.&lt;t&gt;</c>, <c>tower_dnn.&lt;t&gt;</c>,
/// <c>tower_dnn_final_layer.&lt;t&gt;</c>, <c>out.&lt;t&gt;</c>); a batch of one works.
/// </summary>
public sealed class Mmoe : MultiTaskModel
{
    private readonly Dnn[] _experts;
    private readonly ExpertGate[] _gates;
    private readonly TaskTowers _towers;

    /// <summary>Creates the model with the reference's parameters and defaults.</summary>
    public Mmoe(IEnumerable<FeatureColumn> dnnFeatureColumns, int numExperts = 3, IReadOnlyList<int>? expertDnnHiddenUnits = null,
        IReadOnlyList<int>? gateDnnHiddenUnits = null, IReadOnlyList<int>? towerDnnHiddenUnits = null,
        double l2RegLinear = 1e-5, double l2RegEmbedding = 1e-5, double l2RegDnn = 0, double initStd = 1e-4, int seed = 1024,
        double dnnDropout = 0, DnnActivation? dnnActivation = null, bool dnnUseBn = false,
        IReadOnlyList<string>? taskTypes = null, IReadOnlyList<string>? taskNames = null, string device = "cpu", IReadOnlyList<string>? gpus = null)
        : this(dnnFeatureColumns, new MmoeOptions
        {
            NumExperts = numExperts, ExpertDnnHiddenUnits = expertDnnHiddenUnits ?? [256, 128], GateDnnHiddenUnits = gateDnnHiddenUnits ?? [64],
            TowerDnnHiddenUnits = towerDnnHiddenUnits ?? [64], L2RegLinear = l2RegLinear, L2RegEmbedding = l2RegEmbedding, L2RegDnn = l2RegDnn,
            InitStd = initStd, Seed = seed, DnnDropout = dnnDropout, DnnUseBn = dnnUseBn,
            TaskTypes = taskTypes ?? ["binary", "binary"], TaskNames = taskNames ?? ["ctr", "ctcvr"], Device = device, Gpus = gpus,
        }.WithActivation(dnnActivation ?? "relu"))
    {
    }

    /// <summary>Creates the model from an options record.</summary>
    public Mmoe(IEnumerable<FeatureColumn> dnnFeatureColumns, MmoeOptions options)
        : base(nameof(Mmoe), dnnFeatureColumns, Validate(options))
    {
        var dnn = options.Dnn;
        _experts = Enumerable.Range(0, options.NumExperts).Select(_ => new Dnn(Layout.DnnInputDim, options.ExpertDnnHiddenUnits, dnn)).ToArray();
        _gates = Tasks.Select(_ => new ExpertGate(Layout.DnnInputDim, options.NumExperts, options.GateDnnHiddenUnits, dnn)).ToArray();
        _towers = new TaskTowers(options.ExpertDnnHiddenUnits[^1], Tasks, options.TowerDnnHiddenUnits, dnn);
        register_module("expert_dnn", nn.ModuleList(_experts));
        if (options.GateDnnHiddenUnits.Count > 0) register_module("gate_dnn", nn.ModuleList(_gates.Select(g => g.Hidden!).ToArray()));
        register_module("gate_dnn_final_layer", nn.ModuleList(_gates.Select(g => g.Final).ToArray()));
        RegisterTowers(_towers);
        MmoeOptions = options;
        CompleteConstruction();
    }

    /// <summary>The model's hyper-parameters.</summary>
    public MmoeOptions MmoeOptions { get; }

    /// <inheritdoc />
    protected override Tensor Head(Tensor dnnInput)
    {
        using var scope = NewDisposeScope();
        var experts = stack(_experts.Select(e => e.forward(dnnInput)), 1);                   // (batch, experts, dim)
        var mixed = _gates.Select(g => ExpertGate.Mix(g.Weights(dnnInput), experts)).ToArray(); // each (batch, dim)
        return _towers.Forward(mixed).MoveToOuterDisposeScope();                             // (batch, tasks)
    }

    /// <inheritdoc />
    protected override IReadOnlyList<GateWeightSummary> GateWeightsOf(Tensor dnnInput)
    {
        using var scope = NewDisposeScope();
        var names = Enumerable.Range(0, _experts.Length).Select(i => $"expert.{i}").ToArray();
        return Tasks.Select((task, t) => new GateWeightSummary(0, task.Name, names,
            _gates[t].Weights(dnnInput).mean([0L]).to_type(ScalarType.Float64).data<double>().ToArray())).ToArray();
    }

    /// <summary>The tensors of an MMOE built with these arguments, without building it.</summary>
    internal static StateShapes Shapes(FeatureLayout layout, MmoeOptions options)
    {
        Validate(options);
        int tasks = TaskSpec.FromLists(options.TaskTypes, options.TaskNames).Count;
        var (expertUnits, gateUnits, dnn) = (options.ExpertDnnHiddenUnits, options.GateDnnHiddenUnits, options.Dnn);
        long input = layout.DnnInputDim;
        var shapes = EmbeddingShapes(layout);
        for (int e = 0; e < options.NumExperts; e++) shapes.Add($"expert_dnn.{e}", Dnn.Shapes(input, expertUnits, dnn));
        for (int t = 0; t < tasks; t++)
        {
            if (gateUnits.Count > 0) shapes.Add($"gate_dnn.{t}", Dnn.Shapes(input, gateUnits, dnn));
            shapes.Add($"gate_dnn_final_layer.{t}.weight", ExpertGate.FinalShape(input, options.NumExperts, gateUnits));
        }
        return AddTowerShapes(shapes, expertUnits[^1], tasks, options.TowerDnnHiddenUnits, dnn);
    }

    /// <inheritdoc />
    protected override MultiTaskModel CreateSibling(MultiTaskOptions options) => new Mmoe(FeatureColumns, (MmoeOptions)options);

    private static MmoeOptions Validate(MmoeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NumExperts < 2) throw new ArgumentException($"numExperts must be at least 2, got {options.NumExperts}", nameof(options));
        HiddenUnits.Require("expertDnnHiddenUnits", options.ExpertDnnHiddenUnits, allowEmpty: false);
        HiddenUnits.Require("gateDnnHiddenUnits", options.GateDnnHiddenUnits, allowEmpty: true);
        HiddenUnits.Require("towerDnnHiddenUnits", options.TowerDnnHiddenUnits, allowEmpty: true);
        return options;
    }
}
