using System.ComponentModel.DataAnnotations;

namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of the <c>Mmoe</c> model: <c>num_experts=3</c>, then the widths of
/// <see cref="MixtureOfExpertsOptions"/> and the common ones.
/// </summary>
public sealed record MmoeOptions : MixtureOfExpertsOptions
{
    /// <summary>Number of experts (at least 2).</summary>
    [Range(2, int.MaxValue)]
    public int NumExperts { get; init; } = 3;
}
