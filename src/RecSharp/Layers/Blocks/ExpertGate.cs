using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// A gate over experts: an optional DNN, then a linear layer without bias to one logit per expert, then a softmax.
/// The model registers <see cref="Hidden"/> and <see cref="Final"/> under its own state-dict names.
/// </summary>
internal sealed class ExpertGate
{
    /// <summary>Creates a gate reading <paramref name="inputDim"/> values and weighing <paramref name="experts"/> experts.</summary>
    /// <param name="inputDim">Width of the gate's input.</param>
    /// <param name="experts">Number of experts it mixes.</param>
    /// <param name="hiddenUnits">Units of the gate's DNN; empty for a single linear layer.</param>
    /// <param name="options">DNN settings.</param>
    public ExpertGate(long inputDim, int experts, IReadOnlyList<int> hiddenUnits, DnnOptions options)
    {
        Hidden = hiddenUnits.Count > 0 ? new Dnn(inputDim, hiddenUnits, options) : null;
        Final = nn.Linear(Hidden?.OutputDim ?? inputDim, experts, hasBias: false);
    }

    /// <summary>The shape of <see cref="Final"/>'s weight in a gate built with these arguments.</summary>
    internal static long[] FinalShape(long inputDim, int experts, IReadOnlyList<int> hiddenUnits) =>
        [experts, hiddenUnits.Count > 0 ? hiddenUnits[^1] : inputDim];

    /// <summary>The gate's DNN, or null when it has no hidden units.</summary>
    public Dnn? Hidden { get; }

    /// <summary>The final linear layer (no bias) to one logit per expert.</summary>
    public Linear Final { get; }

    /// <summary>The softmax weights <c>(batch, experts)</c> for input <c>(batch, inputDim)</c>.</summary>
    public Tensor Weights(Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = Hidden?.forward(input) ?? input;
        return Final.forward(hidden).softmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mixes stacked expert outputs <c>(batch, experts, dim)</c> with weights <c>(batch, experts)</c> into
    /// <c>(batch, dim)</c>. Only the expert axis is removed, so a batch of one keeps its batch axis.
    /// </summary>
    public static Tensor Mix(Tensor weights, Tensor experts)
    {
        using var scope = NewDisposeScope();
        return weights.unsqueeze(1).matmul(experts).squeeze(1).MoveToOuterDisposeScope(); // (batch, 1, E)·(batch, E, dim)
    }
}
