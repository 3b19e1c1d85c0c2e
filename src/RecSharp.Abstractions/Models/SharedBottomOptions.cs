using System.ComponentModel.DataAnnotations;

namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of the <c>SharedBottom</c> model: <c>bottom_dnn_hidden_units=(256, 128),
/// tower_dnn_hidden_units=(64,)</c> plus the common ones.
/// </summary>
public sealed record SharedBottomOptions : MultiTaskOptions
{
    /// <summary>Units of the shared bottom DNN (non-empty).</summary>
    [MinLength(1)]
    public IReadOnlyList<int> BottomDnnHiddenUnits { get; init; } = [256, 128];

    /// <summary>Units of each task tower's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> TowerDnnHiddenUnits { get; init; } = [64];
}
