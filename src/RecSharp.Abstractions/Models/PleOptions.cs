using System.ComponentModel.DataAnnotations;

namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of the <c>Ple</c> model, with the reference's defaults: <c>shared_expert_num=1,
/// specific_expert_num=1, num_levels=2, expert_dnn_hidden_units=(256, 128), gate_dnn_hidden_units=(64,),
/// tower_dnn_hidden_units=(64,)</c>, plus the common ones of <see cref="MultiTaskOptions"/>.
/// </summary>
public sealed record PleOptions : MultiTaskOptions
{
    /// <summary>Experts shared by all tasks, per level (0 or more).</summary>
    [Range(0, int.MaxValue)]
    public int SharedExpertNum { get; init; } = 1;

    /// <summary>Experts of each task, per level (1 or more).</summary>
    [Range(1, int.MaxValue)]
    public int SpecificExpertNum { get; init; } = 1;

    /// <summary>Number of CGC levels (1 or more; 1 is CGC).</summary>
    [Range(1, int.MaxValue)]
    public int NumLevels { get; init; } = 2;

    /// <summary>Units of each expert's DNN (non-empty).</summary>
    [MinLength(1)]
    public IReadOnlyList<int> ExpertDnnHiddenUnits { get; init; } = [256, 128];

    /// <summary>Units of each gate's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> GateDnnHiddenUnits { get; init; } = [64];

    /// <summary>Units of each task tower's DNN; empty means a single linear layer.</summary>
    public IReadOnlyList<int> TowerDnnHiddenUnits { get; init; } = [64];
}
