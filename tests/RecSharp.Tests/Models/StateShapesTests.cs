using RecSharp.Features;
using RecSharp.Models;

namespace RecSharp.Tests.Models;

/// <summary>The shapes a description calls for, computed without building, are those of the built model.</summary>
public class StateShapesTests
{
    private static FeatureColumn[] Columns() =>
    [
        new SparseFeat("user", 11, 3),
        new SparseFeat("item", 13, 5),
        new DenseFeat("price", 2),
        new VarLenSparseFeat(new SparseFeat("hist", 13, 5, embeddingName: "item"), 4, "mean"),
        new VarLenSparseFeat(new SparseFeat("tags", 7, 2), 3, "sum"),
    ];

    public static TheoryData<string> Models => new()
    {
        "ple", "ple-bn-dice-no-gate-units", "ple-prelu-no-shared-experts", "ple-no-tower-units",
        "mmoe", "mmoe-bn-no-gate-units", "sharedbottom", "sharedbottom-dice-no-tower-units", "esmm", "esmm-bn-prelu",
    };

    private static MultiTaskModel Create(string name) => name switch
    {
        "ple" => new Ple(Columns(), sharedExpertNum: 2, specificExpertNum: 3, numLevels: 3,
            expertDnnHiddenUnits: [8, 6], gateDnnHiddenUnits: [4, 3], towerDnnHiddenUnits: [5],
            taskTypes: ["binary", "regression", "binary"], taskNames: ["a", "b", "c"]),
        "ple-bn-dice-no-gate-units" => new Ple(Columns(), expertDnnHiddenUnits: [6], gateDnnHiddenUnits: [],
            towerDnnHiddenUnits: [4], dnnUseBn: true, dnnActivation: "dice"),
        "ple-prelu-no-shared-experts" => new Ple(Columns(), sharedExpertNum: 0, specificExpertNum: 2,
            expertDnnHiddenUnits: [6], gateDnnHiddenUnits: [3], towerDnnHiddenUnits: [4], dnnActivation: "prelu"),
        "ple-no-tower-units" => new Ple(Columns(), numLevels: 1, expertDnnHiddenUnits: [6], gateDnnHiddenUnits: [3],
            towerDnnHiddenUnits: []),
        "mmoe" => new Mmoe(Columns(), numExperts: 4, expertDnnHiddenUnits: [8, 6], gateDnnHiddenUnits: [5, 3],
            towerDnnHiddenUnits: [4, 2]),
        "mmoe-bn-no-gate-units" => new Mmoe(Columns(), numExperts: 2, expertDnnHiddenUnits: [6], gateDnnHiddenUnits: [],
            towerDnnHiddenUnits: [4], dnnUseBn: true),
        "sharedbottom" => new SharedBottom(Columns(), bottomDnnHiddenUnits: [8, 6], towerDnnHiddenUnits: [4]),
        "sharedbottom-dice-no-tower-units" => new SharedBottom(Columns(), bottomDnnHiddenUnits: [6],
            towerDnnHiddenUnits: [], dnnActivation: "dice"),
        "esmm" => new Esmm(Columns(), towerDnnHiddenUnits: [8, 4]),
        "esmm-bn-prelu" => new Esmm(Columns(), towerDnnHiddenUnits: [6], dnnUseBn: true, dnnActivation: "prelu"),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void TheShapesOfADescriptionAreThoseOfTheModelBuiltFromIt(string name)
    {
        using var model = Create(name);

        var shapes = ModelRegistry.Shapes(model.FeatureColumns, model.Options).ByKey;

        var built = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.Equal(built.Keys.Order(StringComparer.Ordinal), shapes.Keys.Order(StringComparer.Ordinal));
        Assert.All(built, kv => Assert.Equal(kv.Value, shapes[kv.Key]));
    }
}
