using RecSharp.Catalog;
using RecSharp.Features;
using RecSharp.Models;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// The four models of the experiment, sized to about 15,000 parameters each over the 100 inputs: every expert (and
/// the shared bottom) is one hidden layer, every gate one linear layer, every tower one layer of 8 units.
/// </summary>
internal static class PaperMmoeModels
{
    /// <summary>The two regression tasks, named as the generator names its labels.</summary>
    public static readonly string[] TaskNames = ["y1", "y2"];

    private static readonly string[] TaskTypes = ["regression", "regression"];
    private static readonly int[] Expert = [16];
    private static readonly int[] Tower = [8];

    /// <summary>The model's architecture in words, for the report.</summary>
    public static string Describe(ModelDefinition type) => type.Name switch
    {
        "sharedbottom" => "a bottom of 126 units",
        "mmoe" => "8 experts of 16 units",
        "cgc" => "2 experts per task and 4 shared, 16 units each",
        "ple" => "2 levels of 2 experts per task and 3 shared, 16 units each",
        _ => throw new ArgumentException($"the experiment has no {type.Name} model", nameof(type)),
    };

    /// <summary>
    /// Builds the model of <paramref name="type"/> over <paramref name="columns"/>, its weights drawn from
    /// N(0, <paramref name="initStd"/>²) with <paramref name="seed"/>.
    /// </summary>
    public static MultiTaskModel Create(
        ModelDefinition type, IReadOnlyList<FeatureColumn> columns, int seed, double initStd)
    {
        switch (type.Name)
        {
            case "sharedbottom":
                var bottom = new SharedBottomOptions { BottomDnnHiddenUnits = [126], TowerDnnHiddenUnits = Tower };
                return new SharedBottom(columns, Common(bottom, seed, initStd));
            case "mmoe":
                var mmoe = new MmoeOptions
                {
                    NumExperts = 8, ExpertDnnHiddenUnits = Expert, GateDnnHiddenUnits = [], TowerDnnHiddenUnits = Tower,
                };
                return new Mmoe(columns, Common(mmoe, seed, initStd));
            case "cgc":
                return new Ple(columns, Common(Ple(levels: 1, shared: 4), seed, initStd));
            case "ple":
                return new Ple(columns, Common(Ple(levels: 2, shared: 3), seed, initStd));
            default:
                throw new ArgumentException($"the experiment has no {type.Name} model", nameof(type));
        }
    }

    /// <summary>The number of trainable values of <paramref name="model"/>.</summary>
    public static long ParameterCount(MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ParametersByName().Values.Sum(p => p.numel());
    }

    private static PleOptions Ple(int levels, int shared) => new()
    {
        NumLevels = levels, SpecificExpertNum = 2, SharedExpertNum = shared, ExpertDnnHiddenUnits = Expert,
        GateDnnHiddenUnits = [], TowerDnnHiddenUnits = Tower,
    };

    private static T Common<T>(T options, int seed, double initStd) where T : MultiTaskOptions =>
        options with { Seed = seed, InitStd = initStd, TaskNames = TaskNames, TaskTypes = TaskTypes };
}
