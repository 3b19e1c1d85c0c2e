namespace RecSharp.Models;

/// <summary>The mean softmax weight one gate gives each of its experts over a set of rows.</summary>
/// <param name="Level">The level (0 for single-level models).</param>
/// <param name="Gate">The gate's name: a task name, or <c>shared</c>.</param>
/// <param name="Experts">The experts' names, in the gate's order.</param>
/// <param name="MeanWeights">The mean weight of each expert; they sum to one.</param>
public sealed record GateWeightSummary(int Level, string Gate, IReadOnlyList<string> Experts,
    IReadOnlyList<double> MeanWeights);
