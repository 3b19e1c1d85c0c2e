using RecSharp.Features;
using RecSharp.Layers.Activations;
using RecSharp.Models;

namespace RecSharp.Tests.Export;

/// <summary>
/// Small models of each type for the export tests, with a binary and a regression task (ESMM: two binary).
/// </summary>
public static class OnnxModels
{
    /// <summary>
    /// A model of <paramref name="type"/> (<c>ple</c>, <c>cgc</c>, <c>mmoe</c>, <c>sharedbottom</c>, <c>esmm</c>) over
    /// <paramref name="columns"/>, with small layers and the given activation and BatchNorm setting.
    /// </summary>
    public static MultiTaskModel Create(string type, IReadOnlyList<FeatureColumn> columns,
        DnnActivation? activation = null, bool useBn = false)
    {
        activation ??= "relu";
        string[] types = type == "esmm" ? ["binary", "binary"] : ["binary", "regression"];
        string[] names = ["click", "dwell"];
        return type switch
        {
            "ple" or "cgc" => new Ple(columns, new PleOptions
            {
                NumLevels = type == "ple" ? 2 : 1, SharedExpertNum = 2, SpecificExpertNum = 2,
                ExpertDnnHiddenUnits = [8, 6], GateDnnHiddenUnits = [5], TowerDnnHiddenUnits = [4],
                DnnUseBn = useBn, TaskTypes = types, TaskNames = names,
            }.WithActivation(activation)),
            "mmoe" => new Mmoe(columns, new MmoeOptions
            {
                NumExperts = 3, ExpertDnnHiddenUnits = [8, 6], GateDnnHiddenUnits = [5], TowerDnnHiddenUnits = [4],
                DnnUseBn = useBn, TaskTypes = types, TaskNames = names,
            }.WithActivation(activation)),
            "sharedbottom" => new SharedBottom(columns, new SharedBottomOptions
            {
                BottomDnnHiddenUnits = [8, 6], TowerDnnHiddenUnits = [4], DnnUseBn = useBn,
                TaskTypes = types, TaskNames = names,
            }.WithActivation(activation)),
            "esmm" => new Esmm(columns, new EsmmOptions
            {
                TowerDnnHiddenUnits = [8, 6], DnnUseBn = useBn,
                TaskTypes = types, TaskNames = names,
            }.WithActivation(activation)),
            _ => throw new ArgumentException($"unknown model type {type}", nameof(type)),
        };
    }
}
