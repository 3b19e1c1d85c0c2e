using System.ComponentModel.DataAnnotations;

namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of the models whose gates mix experts, PLE and MMOE, with the reference's defaults:
/// <c>expert_dnn_hidden_units=(256, 128), gate_dnn_hidden_units=(64,), tower_dnn_hidden_units=(64,)</c>.
/// </summary>
public abstract record MixtureOfExpertsOptions : MultiTaskOptions
{
    /// <summary>Units of each expert's DNN (non-empty).</summary>
    [MinLength(1)]
    public IReadOnlyList<int> ExpertDnnHiddenUnits { get; init; } = [256, 128];

    /// <summary>Units of each gate's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> GateDnnHiddenUnits { get; init; } = [64];

    /// <summary>Units of each task tower's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> TowerDnnHiddenUnits { get; init; } = [64];
}
