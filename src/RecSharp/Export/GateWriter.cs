namespace RecSharp.Export;

/// <summary>
/// Writes an expert gate (<see cref="Layers.Blocks.ExpertGate"/>): its softmax weights, and the mixture of experts
/// they weigh.
/// </summary>
internal static class GateWriter
{
    /// <summary>
    /// The softmax weights <c>(batch, experts)</c> of the gate whose DNN is at <paramref name="hiddenPath"/> (when
    /// registered) and whose final linear layer is at <paramref name="finalPath"/>, for <paramref name="input"/>.
    /// </summary>
    public static string Weights(OnnxNetwork network, string hiddenPath, string finalPath, string input)
    {
        string hidden = network.Has(hiddenPath) ? DnnWriter.Write(network, hiddenPath, input) : input;
        string logits = LinearWriter.Write(network, finalPath, hidden);                       // (batch, experts)
        return network.Graph.Node("Softmax", finalPath, [logits], [OnnxGraph.IntAttribute("axis", 1)]);
    }

    /// <summary>
    /// Mixes the experts' outputs, each <c>(batch, dim)</c>, with <paramref name="weights"/> <c>(batch, experts)</c>:
    /// <c>(batch, 1, experts)·(batch, experts, dim)</c>, then the expert axis removed: <c>(batch, dim)</c>.
    /// </summary>
    public static string Mix(OnnxNetwork network, string hint, string weights, IReadOnlyList<string> experts)
    {
        string axis = network.Graph.Int64s(1);
        var stacked = experts.Select(e => network.Node("Unsqueeze", hint, e, axis)).ToArray();   // each (batch, 1, dim)
        string all = network.Graph.Node("Concat", hint, stacked, [OnnxGraph.IntAttribute("axis", 1)]);
        // all: (batch, E, dim)
        string weightRow = network.Node("Unsqueeze", hint, weights, axis);                     // (batch, 1, E)
        return network.Node("Squeeze", hint, network.Node("MatMul", hint, weightRow, all), axis);
    }
}
