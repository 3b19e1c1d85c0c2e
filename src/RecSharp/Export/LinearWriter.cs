namespace RecSharp.Export;

/// <summary>
/// Writes a linear layer (<c>y = x·Wᵀ + b</c>) as one <c>Gemm</c> over the layer's own weight, untransposed.
/// </summary>
internal static class LinearWriter
{
    /// <summary>
    /// Applies the linear layer at <paramref name="path"/> to <paramref name="input"/> <c>(batch, in)</c>: <c>(batch,
    /// out)</c>.
    /// </summary>
    public static string Write(OnnxNetwork network, string path, string input)
    {
        var inputs = new List<string> { input, network.Weight(path, "weight") };
        if (network.HasTensor(path, "bias")) inputs.Add(network.Weight(path, "bias"));
        return network.Graph.Node("Gemm", path, inputs, [OnnxGraph.IntAttribute("transB", 1)]);
    }
}
