using RecSharp.Layers.Activations;
using TorchSharp.Modules;

namespace RecSharp.Export;

/// <summary>
/// Writes a DNN layer's activation module: <c>relu</c>, <c>sigmoid</c>, <c>linear</c> (nothing), <c>prelu</c> (its
/// learned slope) and <c>dice</c> in eval form (its BatchNorm over the running statistics). Custom activations cannot
/// be written.
/// </summary>
internal static class ActivationWriter
{
    /// <summary>
    /// Applies the activation module at <paramref name="path"/> to <paramref name="input"/> <c>(batch, units)</c>.
    /// </summary>
    public static string Write(OnnxNetwork network, string path, string input) => network.Modules.Get(path) switch
    {
        ReLU => network.Node("Relu", path, input),
        Sigmoid => network.Node("Sigmoid", path, input),
        Identity => input,
        PReLU => network.Node("PRelu", path, input, network.Weight(path, "weight")),
        Dice => WriteDice(network, path, input),
        var other => throw new OnnxExportException(
            $"activation module \"{path}\" ({other.GetType().Name}) has no ONNX form; "
            + $"only {string.Join(", ", DnnActivation.KnownNames)} are exported"),
    };

    // p = sigmoid(bn(x)); alpha·(1 − p)·x + p·x, in the module's order of operations.
    private static string WriteDice(OnnxNetwork network, string path, string x)
    {
        string p = network.Node("Sigmoid", path, BatchNormWriter.Write(network, path + ".bn", x));
        string notP = network.Node("Sub", path, network.Graph.Float(1f), p);
        string scaled = network.Node("Mul", path, network.Node("Mul", path, network.Weight(path, "alpha"), notP), x);
        return network.Node("Add", path, scaled, network.Node("Mul", path, p, x));
    }
}
