using RecSharp.Features;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace RecSharp.Layers;

/// <summary>
/// A multi-layer perceptron as the reference builds it: per layer Linear → BatchNorm (when enabled) → activation →
/// dropout. Linear weights start <c>normal(0, initStd)</c>, biases at PyTorch's default. Keys:
/// <c>linears.&lt;i&gt;.*</c>,
/// <c>bn.&lt;i&gt;.*</c>, <c>activation_layers.&lt;i&gt;.*</c>.
/// </summary>
internal sealed class Dnn : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> linears;
    private readonly ModuleList<BatchNorm1d>? bn;
    [ComponentName(Name = "activation_layers")]
    private readonly ModuleList<nn.Module<Tensor, Tensor>> activationLayers;
    private readonly Dropout dropout;

    /// <summary>Creates the DNN.</summary>
    /// <param name="inputDim">Width of the input.</param>
    /// <param name="hiddenUnits">Width of each layer; at least one.</param>
    /// <param name="options">Activation, dropout, BatchNorm and initialisation.</param>
    public Dnn(long inputDim, IReadOnlyList<int> hiddenUnits, DnnOptions options) : base(nameof(Dnn))
    {
        ArgumentNullException.ThrowIfNull(hiddenUnits);
        if (hiddenUnits.Count == 0)
            throw new ArgumentException("a DNN needs at least one hidden layer", nameof(hiddenUnits));
        if (inputDim < 1)
            throw new ArgumentException($"a DNN needs a positive input width, got {inputDim}", nameof(inputDim));
        foreach (int units in hiddenUnits)
        {
            if (units < 1)
                throw new ArgumentException($"hidden units must be positive, got {units}", nameof(hiddenUnits));
        }
        options.Validated();
        var widths = new[] { inputDim }.Concat(hiddenUnits.Select(u => (long)u)).ToArray();
        for (int i = 0; i < hiddenUnits.Count; i++)
        {
            string subject = $"layer {i + 1} of a DNN ({hiddenUnits[i]} units over {widths[i]} inputs): its weight";
            string advice = "lower the hidden units or the input's width (embedding dimensions)";
            TensorSizeLimit.RequireFloat32(subject, advice, widths[i + 1], widths[i]);
        }
        linears = nn.ModuleList(
            Enumerable.Range(0, hiddenUnits.Count).Select(i => nn.Linear(widths[i], widths[i + 1])).ToArray());
        if (options.UseBn)
        {
            bn = nn.ModuleList(
                Enumerable.Range(0, hiddenUnits.Count).Select(i => nn.BatchNorm1d(widths[i + 1])).ToArray());
        }
        activationLayers = nn.ModuleList(
            Enumerable.Range(0, hiddenUnits.Count).Select(i => options.Activation.Create(widths[i + 1])).ToArray());
        dropout = nn.Dropout(options.DropoutRate);
        using (no_grad())
            foreach (var linear in linears) nn.init.normal_(linear.weight, 0, options.InitStd);
        OutputDim = widths[^1];
        RegisterComponents();
    }

    /// <summary>The tensors of a DNN built with the same arguments (see <see cref="StateShapes"/>).</summary>
    internal static StateShapes Shapes(long inputDim, IReadOnlyList<int> hiddenUnits, DnnOptions options)
    {
        var shapes = new StateShapes();
        long width = inputDim;
        for (int i = 0; i < hiddenUnits.Count; i++)
        {
            long units = hiddenUnits[i];
            shapes.Add($"linears.{i}.weight", units, width).Add($"linears.{i}.bias", units);
            if (options.UseBn) shapes.Add($"bn.{i}", StateShapes.BatchNorm(units));
            shapes.Add($"activation_layers.{i}", options.Activation.Shapes(units));
            width = units;
        }
        return shapes;
    }

    /// <summary>Width of the output.</summary>
    public long OutputDim { get; }

    /// <summary>The linear layers, in order (read by the fused paths, which apply them together with other
    /// DNNs').</summary>
    internal IList<Linear> Linears => linears;

    /// <summary>Maps <c>(batch, inputDim)</c> to <c>(batch, OutputDim)</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (int i = 0; i < linears.Count; i++)
        {
            x = linears[i].forward(x);
            if (bn is not null) x = bn[i].forward(x);
            x = activationLayers[i].forward(x);
            x = dropout.forward(x);
        }
        return x.MoveToOuterDisposeScope();
    }
}
