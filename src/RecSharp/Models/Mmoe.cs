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
/// (<c>expert_dnn.&lt;i&gt;</c>, <c>gate_dnn.&lt;t&gt;</c>, <c>gate_dnn_final_layer.&lt;t&gt;</c>,
/// <c>tower_dnn.&lt;t&gt;</c>,
/// <c>tower_dnn_final_layer.&lt;t&gt;</c>, <c>out.&lt;t&gt;</c>); a batch of one works.
/// </summary>
public sealed class Mmoe : MultiTaskModel
{
    private readonly MixtureOfExperts _mixture;
    private readonly TaskTowers _towers;

    /// <summary>
    /// Creates the model with the reference's parameters, in its order; an argument left out takes its default in
    /// <see cref="MmoeOptions"/>, which is the reference's.
    /// </summary>
    public Mmoe(IEnumerable<FeatureColumn> dnnFeatureColumns, int? numExperts = null,
        IReadOnlyList<int>? expertDnnHiddenUnits = null, IReadOnlyList<int>? gateDnnHiddenUnits = null,
        IReadOnlyList<int>? towerDnnHiddenUnits = null, double? l2RegLinear = null, double? l2RegEmbedding = null,
        double? l2RegDnn = null, double? initStd = null, int? seed = null, double? dnnDropout = null,
        DnnActivation? dnnActivation = null, bool? dnnUseBn = null, IReadOnlyList<string>? taskTypes = null,
        IReadOnlyList<string>? taskNames = null, string? device = null, IReadOnlyList<string>? gpus = null)
        : this(dnnFeatureColumns, ReferenceArguments.Bind<MmoeOptions>(new
        {
            numExperts, expertDnnHiddenUnits, gateDnnHiddenUnits, towerDnnHiddenUnits, l2RegLinear, l2RegEmbedding,
            l2RegDnn, initStd, seed, dnnDropout, dnnActivation, dnnUseBn, taskTypes, taskNames, device, gpus,
        }))
    {
    }

    /// <summary>Creates the model from an options record.</summary>
    public Mmoe(IEnumerable<FeatureColumn> dnnFeatureColumns, MmoeOptions options)
        : base(nameof(Mmoe), dnnFeatureColumns, Validate(options))
    {
        var dnn = options.Dnn;
        _mixture = new MixtureOfExperts(Layout.DnnInputDim, options.NumExperts, Tasks.Count,
            options.ExpertDnnHiddenUnits, options.GateDnnHiddenUnits, dnn);
        _towers = new TaskTowers(options.ExpertDnnHiddenUnits[^1], Tasks, options.TowerDnnHiddenUnits, dnn);
        Adopt(_mixture);
        Adopt(_towers);
        CompleteConstruction();
    }

    /// <summary>The model's hyper-parameters.</summary>
    public MmoeOptions MmoeOptions => (MmoeOptions)Options;

    /// <inheritdoc />
    protected override Tensor Head(Tensor dnnInput)
    {
        var mixed = _mixture.forward(dnnInput);                                             // each (batch, expert dim)
        return _towers.forward(mixed);                                                      // (batch, tasks)
    }

    /// <inheritdoc />
    protected override IReadOnlyList<GateWeightSummary> GateWeightsOf(Tensor dnnInput)
    {
        var names = Enumerable.Range(0, _mixture.Experts).Select(i => $"expert.{i}").ToArray();
        var weights = _mixture.MeanGateWeights(dnnInput);
        return Tasks.Select((task, t) => new GateWeightSummary(0, task.Name, names, weights[t])).ToArray();
    }

    /// <summary>The tensors of an MMOE built with these arguments, without building it.</summary>
    internal static StateShapes Shapes(FeatureLayout layout, MmoeOptions options)
    {
        Validate(options);
        int tasks = TaskSpec.FromLists(options.TaskTypes, options.TaskNames).Count;
        var (expertUnits, gateUnits, dnn) = (options.ExpertDnnHiddenUnits, options.GateDnnHiddenUnits, options.Dnn);
        var mixture = MixtureOfExperts.Shapes(layout.DnnInputDim, options.NumExperts, tasks, expertUnits, gateUnits,
            dnn);
        return EmbeddingShapes(layout).Add(mixture)
            .Add(TaskTowers.Shapes(expertUnits[^1], tasks, options.TowerDnnHiddenUnits, dnn));
    }

    /// <inheritdoc />
    protected override MultiTaskModel CreateSibling(MultiTaskOptions options) =>
        new Mmoe(FeatureColumns, (MmoeOptions)options);

    private static MmoeOptions Validate(MmoeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NumExperts < 2)
            throw new ArgumentException($"numExperts must be at least 2, got {options.NumExperts}", nameof(options));
        HiddenUnits.Require("expertDnnHiddenUnits", options.ExpertDnnHiddenUnits, allowEmpty: false);
        HiddenUnits.Require("gateDnnHiddenUnits", options.GateDnnHiddenUnits, allowEmpty: true);
        HiddenUnits.Require("towerDnnHiddenUnits", options.TowerDnnHiddenUnits, allowEmpty: true);
        return options;
    }
}
