using RecSharp.Models;

namespace RecSharp.Export;

/// <summary>
/// Writes a <see cref="SharedBottom"/> after its network input: the shared bottom DNN, then each task's tower.
/// </summary>
internal static class SharedBottomHeadWriter
{
    /// <summary>The model's <c>(batch, tasks)</c> outputs from the network input <c>(batch, DnnInputDim)</c>.</summary>
    public static string Write(OnnxNetwork network, SharedBottom model, string dnnInput)
    {
        string shared = DnnWriter.Write(network, "bottom_dnn", dnnInput);                      // (batch, bottom dim)
        return TowerWriter.Write(network, model.Tasks, Enumerable.Repeat(shared, model.Tasks.Count).ToArray());
    }
}
