using System.ComponentModel.DataAnnotations;

namespace RecSharp.Models;

/// <summary>
/// Hyper-parameters of the <c>Esmm</c> model: <c>tower_dnn_hidden_units=(256, 128)</c> plus the common ones
/// (two binary tasks).
/// </summary>
public sealed record EsmmOptions : MultiTaskOptions
{
    /// <summary>Units of the CTR and CVR towers (non-empty).</summary>
    [MinLength(1)]
    public IReadOnlyList<int> TowerDnnHiddenUnits { get; init; } = [256, 128];
}
