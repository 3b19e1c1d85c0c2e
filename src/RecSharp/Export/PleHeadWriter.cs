using RecSharp.Models;

namespace RecSharp.Export;

/// <summary>
/// Writes a <see cref="Ple"/> (CGC with one level) after its network input, level by level as
/// <see cref="Layers.Blocks.CgcLevel.Forward"/> runs it: each task's experts and the shared ones, each task's gate
/// mixing its own and the shared experts, the shared gate mixing all of them for the next level (not after the last
/// level, whose shared output feeds nothing); then the towers.
/// </summary>
internal static class PleHeadWriter
{
    /// <summary>The model's <c>(batch, tasks)</c> outputs from the network input <c>(batch, DnnInputDim)</c>.</summary>
    public static string Write(OnnxNetwork network, Ple model, string dnnInput)
    {
        var options = model.PleOptions;
        int tasks = model.Tasks.Count;
        IReadOnlyList<string> inputs = Enumerable.Repeat(dnnInput, tasks + 1).ToArray();       // [task 1..n, shared]
        for (int level = 0; level < options.NumLevels; level++)
        {
            var shared = Experts(network, $"shared_experts.{level}.0", options.SharedExpertNum, inputs[tasks]);
            var specific = Enumerable.Range(0, tasks)
                .Select(t => Experts(network, $"specific_experts.{level}.{t}", options.SpecificExpertNum, inputs[t]))
                .ToArray();
            var outputs = new List<string>();
            for (int t = 0; t < tasks; t++)
            {
                string weights = GateWriter.Weights(network, $"specific_gate_dnn.{level}.{t}.0",
                    $"specific_gate_dnn_final_layer.{level}.{t}", inputs[t]);                  // (batch, own + shared)
                var experts = specific[t].Concat(shared).ToArray();
                outputs.Add(GateWriter.Mix(network, $"specific_gate.{level}.{t}", weights, experts));
            }
            if (level < options.NumLevels - 1)
            {
                string weights = GateWriter.Weights(network, $"shared_gate_dnn.{level}",
                    $"shared_gate_dnn_final_layer.{level}", inputs[tasks]);                    // (batch, all experts)
                var all = specific.SelectMany(e => e).Concat(shared).ToArray();
                outputs.Add(GateWriter.Mix(network, $"shared_gate.{level}", weights, all));
            }
            inputs = outputs;                                                                  // each (batch, dim)
        }
        return TowerWriter.Write(network, model.Tasks, inputs.Take(tasks).ToArray());
    }

    // Each expert's output (batch, dim).
    private static string[] Experts(OnnxNetwork network, string path, int count, string input) =>
        Enumerable.Range(0, count).Select(k => DnnWriter.Write(network, $"{path}.{k}", input)).ToArray();
}
