namespace RecSharp.Models;

/// <summary>Hyper-parameters of <see cref="Esmm"/>: <c>tower_dnn_hidden_units=(256, 128)</c> plus the common ones (two binary tasks).</summary>
public sealed record EsmmOptions : MultiTaskOptions
{
    /// <summary>Units of the CTR and CVR towers (non-empty).</summary>
    public IReadOnlyList<int> TowerDnnHiddenUnits { get; init; } = [256, 128];
}
