using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Layers.Activations;
using RecSharp.Layers.Blocks;
using static TorchSharp.torch;

namespace RecSharp.Models;

/// <summary>
/// Shared-Bottom multi-task model (Caruana, "Multitask Learning", 1997): one DNN shared by all tasks, then a tower
/// per task. Same parameters, defaults and state-dict keys as deepctr-torch's <c>SharedBottom</c>
/// (<c>bottom_dnn.*</c>, <c>tower_dnn.&lt;t&gt;.*</c>, <c>tower_dnn_final_layer.&lt;t&gt;.weight</c>,
/// <c>out.&lt;t&gt;.bias</c>).
/// </summary>
public sealed class SharedBottom : MultiTaskModel
{
    private readonly Dnn _bottom;
    private readonly TaskTowers _towers;

    /// <summary>
    /// Creates the model with the reference's parameters, in its order; an argument left out takes its default in
    /// <see cref="SharedBottomOptions"/>, which is the reference's.
    /// </summary>
    public SharedBottom(IEnumerable<FeatureColumn> dnnFeatureColumns, IReadOnlyList<int>? bottomDnnHiddenUnits = null,
        IReadOnlyList<int>? towerDnnHiddenUnits = null, double? l2RegLinear = null, double? l2RegEmbedding = null,
        double? l2RegDnn = null, double? initStd = null, int? seed = null, double? dnnDropout = null,
        DnnActivation? dnnActivation = null, bool? dnnUseBn = null, IReadOnlyList<string>? taskTypes = null,
        IReadOnlyList<string>? taskNames = null, string? device = null, IReadOnlyList<string>? gpus = null)
        : this(dnnFeatureColumns, ReferenceArguments.Bind<SharedBottomOptions>(new
        {
            bottomDnnHiddenUnits, towerDnnHiddenUnits, l2RegLinear, l2RegEmbedding, l2RegDnn, initStd, seed,
            dnnDropout, dnnActivation, dnnUseBn, taskTypes, taskNames, device, gpus,
        }))
    {
    }

    /// <summary>Creates the model from an options record.</summary>
    public SharedBottom(IEnumerable<FeatureColumn> dnnFeatureColumns, SharedBottomOptions options)
        : base(nameof(SharedBottom), dnnFeatureColumns, Validate(options))
    {
        _bottom = new Dnn(Layout.DnnInputDim, options.BottomDnnHiddenUnits, options.Dnn);
        _towers = new TaskTowers(_bottom.OutputDim, Tasks, options.TowerDnnHiddenUnits, options.Dnn);
        register_module("bottom_dnn", _bottom);
        Adopt(_towers);
        CompleteConstruction();
    }

    /// <summary>The model's hyper-parameters.</summary>
    public SharedBottomOptions SharedBottomOptions => (SharedBottomOptions)Options;

    /// <inheritdoc />
    protected override Tensor Head(Tensor dnnInput)
    {
        var shared = _bottom.forward(dnnInput);                                         // (batch, bottom dim)
        return _towers.forward(Enumerable.Repeat(shared, Tasks.Count).ToArray());      // (batch, tasks)
    }

    /// <summary>The tensors of a shared-bottom model built with these arguments, without building it.</summary>
    internal static StateShapes Shapes(FeatureLayout layout, SharedBottomOptions options)
    {
        Validate(options);
        int tasks = TaskSpec.FromLists(options.TaskTypes, options.TaskNames).Count;
        var (bottomUnits, dnn) = (options.BottomDnnHiddenUnits, options.Dnn);
        var shapes = EmbeddingShapes(layout).Add("bottom_dnn", Dnn.Shapes(layout.DnnInputDim, bottomUnits, dnn));
        return shapes.Add(TaskTowers.Shapes(bottomUnits[^1], tasks, options.TowerDnnHiddenUnits, dnn));
    }

    /// <inheritdoc />
    protected override MultiTaskModel CreateSibling(MultiTaskOptions options) =>
        new SharedBottom(FeatureColumns, (SharedBottomOptions)options);

    private static SharedBottomOptions Validate(SharedBottomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        HiddenUnits.Require("bottomDnnHiddenUnits", options.BottomDnnHiddenUnits, allowEmpty: false);
        HiddenUnits.Require("towerDnnHiddenUnits", options.TowerDnnHiddenUnits, allowEmpty: true);
        return options;
    }
}
