using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Layers.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Models;

/// <summary>
/// Entire Space Multi-task Model (Ma et al., "Entire Space Multi-Task Model: An Effective Approach for Estimating
/// Post-Click Conversion Rate", SIGIR 2018). A CTR tower and a CVR tower read the same input; one shared prediction
/// layer turns their logits into pCTR and pCVR; the outputs are <c>[pCTR, pCTCVR = pCTR × pCVR]</c>, trained on
/// click and click-and-convert labels over all impressions, so CVR is learned without sample-selection bias.
/// Keys as deepctr-torch's <c>ESMM</c>: <c>ctr_dnn.*</c>, <c>cvr_dnn.*</c>, <c>ctr_dnn_final_layer.weight</c>,
/// <c>cvr_dnn_final_layer.weight</c>, <c>out.bias</c>. <see cref="PredictWithCvr"/> also gives pCVR.
/// </summary>
public sealed class Esmm : MultiTaskModel
{
    private readonly Dnn _ctrDnn;
    private readonly Dnn _cvrDnn;
    private readonly Linear _ctrFinal;
    private readonly Linear _cvrFinal;
    private readonly PredictionLayer _out;

    /// <summary>
    /// Creates the model with the reference's parameters, in its order; an argument left out takes its default in
    /// <see cref="EsmmOptions"/>, which is the reference's.
    /// </summary>
    public Esmm(IEnumerable<FeatureColumn> dnnFeatureColumns, IReadOnlyList<int>? towerDnnHiddenUnits = null,
        double? l2RegLinear = null, double? l2RegEmbedding = null, double? l2RegDnn = null, double? initStd = null,
        int? seed = null, double? dnnDropout = null, DnnActivation? dnnActivation = null, bool? dnnUseBn = null,
        IReadOnlyList<string>? taskTypes = null, IReadOnlyList<string>? taskNames = null, string? device = null,
        IReadOnlyList<string>? gpus = null)
        : this(dnnFeatureColumns, ReferenceArguments.Bind<EsmmOptions>(new
        {
            towerDnnHiddenUnits, l2RegLinear, l2RegEmbedding, l2RegDnn, initStd, seed, dnnDropout, dnnActivation,
            dnnUseBn, taskTypes, taskNames, device, gpus,
        }))
    {
    }

    /// <summary>Creates the model from an options record.</summary>
    public Esmm(IEnumerable<FeatureColumn> dnnFeatureColumns, EsmmOptions options)
        : base(nameof(Esmm), dnnFeatureColumns, Validate(options))
    {
        var dnn = options.Dnn;
        _ctrDnn = new Dnn(Layout.DnnInputDim, options.TowerDnnHiddenUnits, dnn);
        _cvrDnn = new Dnn(Layout.DnnInputDim, options.TowerDnnHiddenUnits, dnn);
        _ctrFinal = nn.Linear(_ctrDnn.OutputDim, 1, hasBias: false);
        _cvrFinal = nn.Linear(_cvrDnn.OutputDim, 1, hasBias: false);
        _out = new PredictionLayer(TaskType.Binary);
        register_module("ctr_dnn", _ctrDnn);
        register_module("cvr_dnn", _cvrDnn);
        register_module("ctr_dnn_final_layer", _ctrFinal);
        register_module("cvr_dnn_final_layer", _cvrFinal);
        register_module("out", _out);
        CompleteConstruction();
    }

    /// <summary>The model's hyper-parameters.</summary>
    public EsmmOptions EsmmOptions => (EsmmOptions)Options;

    /// <inheritdoc />
    protected override Tensor Head(Tensor dnnInput)
    {
        var (ctr, cvr) = Probabilities(dnnInput);
        return cat([ctr, ctr * cvr], 1);                                                // (batch, 2): pCTR, pCTCVR
    }

    /// <summary>pCTR, pCVR and pCTCVR for every row, in eval mode: rows × 3.</summary>
    public double[,] PredictWithCvr(IReadOnlyDictionary<string, Array> x) => WithNetworkInput(x, dnnInput =>
    {
        var (ctr, cvr) = Probabilities(dnnInput);
        // (rows, 3)
        var all = cat([ctr, cvr, ctr * cvr], 1).to(DeviceType.CPU).to_type(ScalarType.Float64).contiguous();
        var result = new double[all.shape[0], 3];
        var values = all.data<double>().ToArray();
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    });

    private (Tensor Ctr, Tensor Cvr) Probabilities(Tensor dnnInput)
    {
        var ctr = _out.forward(_ctrFinal.forward(_ctrDnn.forward(dnnInput)));         // (batch, 1)
        var cvr = _out.forward(_cvrFinal.forward(_cvrDnn.forward(dnnInput)));         // (batch, 1)
        return (ctr, cvr);
    }

    /// <summary>The tensors of an ESMM built with these arguments, without building it.</summary>
    internal static StateShapes Shapes(FeatureLayout layout, EsmmOptions options)
    {
        Validate(options);
        TaskSpec.FromLists(options.TaskTypes, options.TaskNames);
        var units = options.TowerDnnHiddenUnits;
        return EmbeddingShapes(layout)
            .Add("ctr_dnn", Dnn.Shapes(layout.DnnInputDim, units, options.Dnn))
            .Add("cvr_dnn", Dnn.Shapes(layout.DnnInputDim, units, options.Dnn))
            .Add("ctr_dnn_final_layer.weight", 1, units[^1])
            .Add("cvr_dnn_final_layer.weight", 1, units[^1])
            .Add("out.bias", 1);
    }

    /// <inheritdoc />
    protected override MultiTaskModel CreateSibling(MultiTaskOptions options) =>
        new Esmm(FeatureColumns, (EsmmOptions)options);

    private static EsmmOptions Validate(EsmmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TaskNames.Count != 2)
        {
            throw new ArgumentException(
                $"ESMM has exactly two tasks (ctr, ctcvr), got {options.TaskNames.Count} task names", nameof(options));
        }
        foreach (var type in options.TaskTypes)
        {
            if (type != "binary")
                throw new ArgumentException($"task must be binary in ESMM, \"{type}\" is illegal", nameof(options));
        }
        HiddenUnits.Require("towerDnnHiddenUnits", options.TowerDnnHiddenUnits, allowEmpty: false);
        return options;
    }
}
