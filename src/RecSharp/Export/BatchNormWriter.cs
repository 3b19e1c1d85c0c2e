using TorchSharp.Modules;

namespace RecSharp.Export;

/// <summary>
/// Writes a BatchNorm layer in its eval form: one <c>BatchNormalization</c> over the running statistics.
/// </summary>
internal static class BatchNormWriter
{
    /// <summary>
    /// Normalises <paramref name="input"/> <c>(batch, features)</c> with the BatchNorm at <paramref name="path"/>.
    /// </summary>
    public static string Write(OnnxNetwork network, string path, string input)
    {
        var bn = network.Modules.Get<BatchNorm1d>(path);
        string[] inputs =
        [
            input, network.Weight(path, "weight"), network.Weight(path, "bias"),
            network.Weight(path, "running_mean"), network.Weight(path, "running_var"),
        ];
        var epsilon = OnnxGraph.FloatAttribute("epsilon", (float)bn.eps);
        return network.Graph.Node("BatchNormalization", path, inputs, [epsilon]);
    }
}
