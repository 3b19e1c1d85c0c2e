using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// A gate over experts: an optional DNN (<c>dnn</c>), then a linear layer without bias to one logit per expert
/// (<c>final_layer</c>), then a softmax. The blocks that hold gates place these two modules in the reference's
/// lists (<c>gate_dnn</c>, <c>gate_dnn_final_layer</c>, …).
/// </summary>
internal sealed class ExpertGate : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "dnn")]
    private readonly Dnn? _dnn;
    [ComponentName(Name = "final_layer")]
    private readonly Linear _finalLayer;

    /// <summary>Creates a gate.</summary>
    /// <param name="inputDim">Width of the gate's input.</param>
    /// <param name="experts">Number of experts it mixes.</param>
    /// <param name="hiddenUnits">Units of the gate's DNN; empty for a single linear layer.</param>
    /// <param name="options">DNN settings.</param>
    public ExpertGate(long inputDim, int experts, IReadOnlyList<int> hiddenUnits, DnnOptions options)
        : base(nameof(ExpertGate))
    {
        _dnn = hiddenUnits.Count > 0 ? new Dnn(inputDim, hiddenUnits, options) : null;
        _finalLayer = nn.Linear(_dnn?.OutputDim ?? inputDim, experts, hasBias: false);
        RegisterComponents();
    }

    /// <summary>The shape of <see cref="Final"/>'s weight in a gate built with these arguments.</summary>
    internal static long[] FinalShape(long inputDim, int experts, IReadOnlyList<int> hiddenUnits) =>
        [experts, hiddenUnits.Count > 0 ? hiddenUnits[^1] : inputDim];

    /// <summary>The gate's DNN, or null when it has no hidden units.</summary>
    internal Dnn? Hidden => _dnn;

    /// <summary>The final linear layer (no bias) to one logit per expert.</summary>
    internal Linear Final => _finalLayer;

    /// <summary>The softmax weights <c>(batch, experts)</c> for input <c>(batch, inputDim)</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = _dnn?.forward(input) ?? input;
        return _finalLayer.forward(hidden).softmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>The mean of the softmax weights over the batch, one per expert (they sum to one).</summary>
    public double[] MeanWeights(Tensor input)
    {
        using var scope = NewDisposeScope();
        return forward(input).mean([0L]).to_type(ScalarType.Float64).data<double>().ToArray();
    }

    /// <summary>
    /// Mixes stacked expert outputs <c>(batch, experts, dim)</c> with weights <c>(batch, experts)</c> into
    /// <c>(batch, dim)</c>. Only the expert axis is removed, so a batch of one keeps its batch axis.
    /// </summary>
    public static Tensor Mix(Tensor weights, Tensor experts)
    {
        using var scope = NewDisposeScope();
        // (batch, 1, E)·(batch, E, dim) → (batch, 1, dim) → (batch, dim)
        return weights.unsqueeze(1).matmul(experts).squeeze(1).MoveToOuterDisposeScope();
    }
}
