namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of <see cref="Mmoe"/>: <c>num_experts=3, expert_dnn_hidden_units=(256, 128),
/// gate_dnn_hidden_units=(64,), tower_dnn_hidden_units=(64,)</c> plus the common ones.
/// </summary>
public sealed record MmoeOptions : MultiTaskOptions
{
    /// <summary>Number of experts (at least 2).</summary>
    public int NumExperts { get; init; } = 3;

    /// <summary>Units of each expert's DNN (non-empty).</summary>
    public IReadOnlyList<int> ExpertDnnHiddenUnits { get; init; } = [256, 128];

    /// <summary>Units of each gate's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> GateDnnHiddenUnits { get; init; } = [64];

    /// <summary>Units of each task tower's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> TowerDnnHiddenUnits { get; init; } = [64];
}
