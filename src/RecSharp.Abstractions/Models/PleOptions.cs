using System.ComponentModel.DataAnnotations;

namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of the <c>Ple</c> model, with the reference's defaults: <c>shared_expert_num=1,
/// specific_expert_num=1, num_levels=2</c>, then the widths of <see cref="MixtureOfExpertsOptions"/> and the common
/// ones of <see cref="MultiTaskOptions"/>.
/// </summary>
public sealed record PleOptions : MixtureOfExpertsOptions
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
}
