using RecSharp.Features;
using RecSharp.Models;

namespace RecSharp.Export;

/// <summary>
/// Writes an <see cref="Esmm"/> after its network input: the CTR and CVR towers, then <c>[pCTR, pCTCVR = pCTR ×
/// pCVR]</c>.
/// </summary>
internal static class EsmmHeadWriter
{
    /// <summary>The model's <c>(batch, 2)</c> outputs from the network input <c>(batch, DnnInputDim)</c>.</summary>
    public static string Write(OnnxNetwork network, string dnnInput)
    {
        string ctr = Probability(network, "ctr", dnnInput);                                    // (batch, 1)
        string cvr = Probability(network, "cvr", dnnInput);                                    // (batch, 1)
        return TowerWriter.Concat(network, [ctr, network.Node("Mul", "ctcvr", ctr, cvr)]);
    }

    private static string Probability(OnnxNetwork network, string tower, string input)
    {
        string hidden = DnnWriter.Write(network, $"{tower}_dnn", input);
        string logit = LinearWriter.Write(network, $"{tower}_dnn_final_layer", hidden);
        return TowerWriter.Prediction(network, "out", logit, TaskType.Binary);
    }
}
