using RecSharp.Models;

namespace RecSharp.Export;

/// <summary>
/// Writes an <see cref="Mmoe"/> after its network input: the experts, one gate per task mixing them, the towers.
/// </summary>
internal static class MmoeHeadWriter
{
    /// <summary>The model's <c>(batch, tasks)</c> outputs from the network input <c>(batch, DnnInputDim)</c>.</summary>
    public static string Write(OnnxNetwork network, Mmoe model, string dnnInput)
    {
        var experts = Enumerable.Range(0, model.MmoeOptions.NumExperts)
            .Select(i => DnnWriter.Write(network, $"expert_dnn.{i}", dnnInput)).ToArray();     // each (batch, dim)
        var mixed = model.Tasks.Select((_, t) =>
        {
            string weights = GateWriter.Weights(network, $"gate_dnn.{t}", $"gate_dnn_final_layer.{t}", dnnInput);
            return GateWriter.Mix(network, $"gate.{t}", weights, experts);                     // (batch, dim)
        }).ToArray();
        return TowerWriter.Write(network, model.Tasks, mixed);
    }
}
