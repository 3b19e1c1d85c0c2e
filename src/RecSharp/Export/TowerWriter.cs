using RecSharp.Features;

namespace RecSharp.Export;

/// <summary>
/// Writes the task towers (<see cref="Layers.Blocks.TaskTowers"/>, registered as <c>tower_dnn</c>,
/// <c>tower_dnn_final_layer</c> and <c>out</c>) and prediction layers.
/// </summary>
internal static class TowerWriter
{
    /// <summary>
    /// Every task's output from its input <c>(batch, dim)</c>, one column per task: <c>(batch, tasks)</c>.
    /// </summary>
    public static string Write(OnnxNetwork network, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<string> taskInputs)
    {
        var outputs = tasks.Select((task, t) =>
        {
            string hidden = network.Has($"tower_dnn.{t}")
                ? DnnWriter.Write(network, $"tower_dnn.{t}", taskInputs[t])
                : taskInputs[t];
            string logit = LinearWriter.Write(network, $"tower_dnn_final_layer.{t}", hidden);   // (batch, 1)
            return Prediction(network, $"out.{t}", logit, task.Type);
        }).ToArray();
        return Concat(network, outputs);
    }

    /// <summary>
    /// The prediction layer at <paramref name="path"/>: its bias added, then a sigmoid for binary tasks.
    /// </summary>
    public static string Prediction(OnnxNetwork network, string path, string logit, TaskType type)
    {
        string output = network.Node("Add", path, logit, network.Weight(path, "bias"));
        return type == TaskType.Binary ? network.Node("Sigmoid", path, output) : output;
    }

    /// <summary>The columns <c>(batch, 1)</c> side by side as the graph's output <c>(batch, columns)</c>.</summary>
    public static string Concat(OnnxNetwork network, IReadOnlyList<string> columns) =>
        network.Graph.Node("Concat", OnnxExporter.OutputName, columns, [OnnxGraph.IntAttribute("axis", 1)],
            output: OnnxExporter.OutputName);
}
