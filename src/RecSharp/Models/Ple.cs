using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Layers.Activations;
using RecSharp.Layers.Blocks;
using static TorchSharp.torch;

namespace RecSharp.Models;

/// <summary>
/// Progressive Layered Extraction (Tang et al., "Progressive Layered Extraction (PLE): A Novel Multi-Task Learning
/// (MTL) Model for Personalized Recommendations", RecSys 2020). The network input passes through
/// <c>numLevels</c> levels of Customized Gate Control (<see cref="CgcLevel"/>): task experts and shared experts,
/// mixed by gates; then each task's tower. With <c>numLevels = 1</c> this is CGC.
/// <para>
/// Same parameters, defaults and state-dict keys as deepctr-torch's <c>PLE</c>, with its faults fixed: it builds
/// <c>sharedExpertNum</c> shared experts (the reference builds <c>specific_expert_num</c>), a batch of one works, and
/// the last level's unused shared gate is not computed (its parameters remain, for weight compatibility).
/// </para>
/// </summary>
public sealed class Ple : MultiTaskModel
{
    private readonly CgcLevel[] _levels;
    private readonly TaskTowers _towers;

    /// <summary>
    /// Creates a PLE model with the reference's parameters, in its order; an argument left out takes its default in
    /// <see cref="PleOptions"/>, which is the reference's.
    /// </summary>
    public Ple(IEnumerable<FeatureColumn> dnnFeatureColumns, int? sharedExpertNum = null,
        int? specificExpertNum = null, int? numLevels = null, IReadOnlyList<int>? expertDnnHiddenUnits = null,
        IReadOnlyList<int>? gateDnnHiddenUnits = null, IReadOnlyList<int>? towerDnnHiddenUnits = null,
        double? l2RegLinear = null, double? l2RegEmbedding = null, double? l2RegDnn = null, double? initStd = null,
        int? seed = null, double? dnnDropout = null, DnnActivation? dnnActivation = null, bool? dnnUseBn = null,
        IReadOnlyList<string>? taskTypes = null, IReadOnlyList<string>? taskNames = null, string? device = null,
        IReadOnlyList<string>? gpus = null)
        : this(dnnFeatureColumns, ReferenceArguments.Bind<PleOptions>(new
        {
            sharedExpertNum, specificExpertNum, numLevels, expertDnnHiddenUnits, gateDnnHiddenUnits,
            towerDnnHiddenUnits, l2RegLinear, l2RegEmbedding, l2RegDnn, initStd, seed, dnnDropout, dnnActivation,
            dnnUseBn, taskTypes, taskNames, device, gpus,
        }))
    {
    }

    /// <summary>Creates a PLE model from an options record.</summary>
    public Ple(IEnumerable<FeatureColumn> dnnFeatureColumns, PleOptions options)
        : base(nameof(Ple), dnnFeatureColumns, Validate(options))
    {
        var dnn = options.Dnn;
        _levels = Enumerable.Range(0, options.NumLevels)
            .Select(level =>
                new CgcLevel(level == 0 ? Layout.DnnInputDim : options.ExpertDnnHiddenUnits[^1], Tasks.Count,
                options.SpecificExpertNum, options.SharedExpertNum, options.ExpertDnnHiddenUnits,
                options.GateDnnHiddenUnits, dnn))
            .ToArray();
        _towers = new TaskTowers(options.ExpertDnnHiddenUnits[^1], Tasks, options.TowerDnnHiddenUnits, dnn);
        AdoptListed(_levels);
        Adopt(_towers);
        CompleteConstruction();
    }

    /// <summary>The PLE hyper-parameters.</summary>
    public PleOptions PleOptions => (PleOptions)Options;

    /// <summary>
    /// Whether the levels run fused (<see cref="CgcLevel.ForwardFused"/>) where that computes the same function; false
    /// forces the per-module path everywhere (the tests compare the two).
    /// </summary>
    internal bool FuseLevels { get; set; } = true;

    /// <inheritdoc />
    protected override Tensor Head(Tensor dnnInput)
    {
        if (FuseLevels && _levels[0].CanFuse(training))
        {
            // The shared output feeds the next level's shared experts and shared gate; without shared experts, that
            // gate's output reaches no task, so it is not computed (its parameters get no gradient, as in the
            // per-module path).
            bool sharedUsed = PleOptions.SharedExpertNum > 0;
            // (batch, input dim), then (batch, tasks [+ 1], expert dim)
            var stacked = dnnInput;
            for (int level = 0; level < _levels.Length; level++)
            {
                stacked = _levels[level].ForwardFused(stacked, inputIsShared: level == 0,
                    computeShared: sharedUsed && level < _levels.Length - 1);
            }
            return _towers.forward(stacked.unbind(1).Take(Tasks.Count).ToArray());           // (batch, tasks)
        }
        IReadOnlyList<Tensor> inputs = Enumerable.Repeat(dnnInput, Tasks.Count + 1).ToArray();   // [task 1..n, shared]
        for (int level = 0; level < _levels.Length; level++)
            // each (batch, expert dim)
            inputs = _levels[level].Forward(inputs, computeShared: level < _levels.Length - 1);
        return _towers.forward(inputs.Take(Tasks.Count).ToArray());                        // (batch, tasks)
    }

    /// <inheritdoc />
    protected override IReadOnlyList<GateWeightSummary> GateWeightsOf(Tensor dnnInput)
    {
        using var scope = NewDisposeScope();
        var summaries = new List<GateWeightSummary>();
        IReadOnlyList<Tensor> inputs = Enumerable.Repeat(dnnInput, Tasks.Count + 1).ToArray();
        int specific = PleOptions.SpecificExpertNum, shared = PleOptions.SharedExpertNum;
        var sharedNames = Enumerable.Range(0, shared).Select(k => $"shared.{k}").ToArray();
        for (int level = 0; level < _levels.Length; level++)
        {
            var weights = _levels[level].MeanGateWeights(inputs);
            for (int t = 0; t < Tasks.Count; t++)
            {
                var names = Enumerable.Range(0, specific).Select(k => $"{Tasks[t].Name}.{k}").Concat(sharedNames)
                    .ToArray();
                summaries.Add(new GateWeightSummary(level, Tasks[t].Name, names, weights[t]));
            }
            var all = Tasks.SelectMany(task => Enumerable.Range(0, specific).Select(k => $"{task.Name}.{k}"))
                .Concat(sharedNames).ToArray();
            summaries.Add(new GateWeightSummary(level, "shared", all, weights[Tasks.Count]));
            if (level < _levels.Length - 1) inputs = _levels[level].Forward(inputs, computeShared: true);
        }
        return summaries;
    }

    /// <summary>The tensors of a PLE built with these arguments, without building it.</summary>
    internal static StateShapes Shapes(FeatureLayout layout, PleOptions options)
    {
        Validate(options);
        int tasks = TaskSpec.FromLists(options.TaskTypes, options.TaskNames).Count;
        int specific = options.SpecificExpertNum, shared = options.SharedExpertNum;
        var (expertUnits, gateUnits, dnn) = (options.ExpertDnnHiddenUnits, options.GateDnnHiddenUnits, options.Dnn);
        var shapes = EmbeddingShapes(layout);
        for (int level = 0; level < options.NumLevels; level++)
        {
            long input = level == 0 ? layout.DnnInputDim : expertUnits[^1];
            shapes.AddListed(level, CgcLevel.Shapes(input, tasks, specific, shared, expertUnits, gateUnits, dnn));
        }
        return shapes.Add(TaskTowers.Shapes(expertUnits[^1], tasks, options.TowerDnnHiddenUnits, dnn));
    }

    /// <inheritdoc />
    protected override MultiTaskModel CreateSibling(MultiTaskOptions options) =>
        new Ple(FeatureColumns, (PleOptions)options);

    private static PleOptions Validate(PleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SpecificExpertNum < 1)
        {
            throw new ArgumentException($"specificExpertNum must be at least 1, got {options.SpecificExpertNum}",
                nameof(options));
        }
        if (options.SharedExpertNum < 0)
        {
            throw new ArgumentException($"sharedExpertNum must be at least 0, got {options.SharedExpertNum}",
                nameof(options));
        }
        if (options.NumLevels < 1)
            throw new ArgumentException($"numLevels must be at least 1, got {options.NumLevels}", nameof(options));
        HiddenUnits.Require("expertDnnHiddenUnits", options.ExpertDnnHiddenUnits, allowEmpty: false);
        HiddenUnits.Require("gateDnnHiddenUnits", options.GateDnnHiddenUnits, allowEmpty: true);
        HiddenUnits.Require("towerDnnHiddenUnits", options.TowerDnnHiddenUnits, allowEmpty: true);
        return options;
    }
}
