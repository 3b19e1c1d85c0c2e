using System.ComponentModel.DataAnnotations;

namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of the <c>Mmoe</c> model: <c>num_experts=3, expert_dnn_hidden_units=(256, 128),
/// gate_dnn_hidden_units=(64,), tower_dnn_hidden_units=(64,)</c> plus the common ones.
/// </summary>
public sealed record MmoeOptions : MultiTaskOptions
{
    /// <summary>Number of experts (at least 2).</summary>
    [Range(2, int.MaxValue)]
    public int NumExperts { get; init; } = 3;

    /// <summary>Units of each expert's DNN (non-empty).</summary>
    [MinLength(1)]
    public IReadOnlyList<int> ExpertDnnHiddenUnits { get; init; } = [256, 128];

    /// <summary>Units of each gate's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> GateDnnHiddenUnits { get; init; } = [64];

    /// <summary>Units of each task tower's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> TowerDnnHiddenUnits { get; init; } = [64];
}
