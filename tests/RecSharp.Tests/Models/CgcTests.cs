using System.Text.RegularExpressions;
using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Models;

/// <summary>CGC, one level of PLE (<c>numLevels = 1</c>): defaults, keys, validation, outputs and training.</summary>
public class CgcTests
{
    private static readonly string[] LevelModules =
    [
        "specific_experts", "shared_experts", "specific_gate_dnn", "shared_gate_dnn", "specific_gate_dnn_final_layer",
        "shared_gate_dnn_final_layer",
    ];

    private static Ple Cgc(int specific = 2, int shared = 1, IReadOnlyList<string>? taskTypes = null,
        IReadOnlyList<string>? taskNames = null,
        double initStd = 1e-4, int numLevels = 1) =>
        new(SyntheticInputs.Columns(), new PleOptions
        {
            NumLevels = numLevels, SpecificExpertNum = specific, SharedExpertNum = shared,
            ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [4], InitStd = initStd,
            TaskTypes = taskTypes ?? ["binary", "binary"], TaskNames = taskNames ?? ["ctr", "ctcvr"],
        });

    [Fact]
    public void DefaultsEqualTheReferenceWithOneLevel()
    {
        using var model = new Ple(SyntheticInputs.Columns(), numLevels: 1);
        var o = model.PleOptions;

        Assert.Equal(1, o.NumLevels);
        Assert.Equal(1, o.SharedExpertNum);
        Assert.Equal(1, o.SpecificExpertNum);
        Assert.Equal([256, 128], o.ExpertDnnHiddenUnits);
        Assert.Equal([64], o.GateDnnHiddenUnits);
        Assert.Equal([64], o.TowerDnnHiddenUnits);
        FamilyDefaults.AssertCommon(o);
        Assert.Equal(2, new PleOptions().NumLevels);
    }

    [Fact]
    public void KeysAreThoseOfTheFirstLevelOfATwoLevelPle()
    {
        using var cgc = Cgc();
        using var ple = Cgc(numLevels: 2);

        var cgcShapes = FamilyDefaults.Shapes(cgc);
        var pleShapes = FamilyDefaults.Shapes(ple);
        var secondLevel = new Regex($"^({string.Join("|", LevelModules)})\\.1\\.");
        var expected = pleShapes.Where(kv => !secondLevel.IsMatch(kv.Key)).ToDictionary();

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), cgcShapes.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, kv => Assert.Equal(kv.Value, cgcShapes[kv.Key]));
        Assert.Contains(pleShapes.Keys, secondLevel.IsMatch);
        // Two tasks with two specific experts each and one shared expert, at level 0.
        // level 0, task 1, expert 1
        Assert.Contains("specific_experts.0.1.1.linears.0.weight", cgcShapes.Keys);
        Assert.Contains("shared_experts.0.0.0.linears.0.weight", cgcShapes.Keys);
        Assert.DoesNotContain("shared_experts.0.0.1.linears.0.weight", cgcShapes.Keys);
        Assert.Equal([3L, 4L], cgcShapes["specific_gate_dnn_final_layer.0.1.weight"]);    // specific + shared experts
        Assert.Equal([5L, 4L], cgcShapes["shared_gate_dnn_final_layer.0.weight"]);         // every expert
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        var columns = SyntheticInputs.Columns();

        Assert.Contains("numLevels", Assert.Throws<ArgumentException>(() => new Ple(columns, numLevels: 0)).Message);
        Assert.Contains("specificExpertNum",
            Assert.Throws<ArgumentException>(() => new Ple(columns, numLevels: 1, specificExpertNum: 0)).Message);
        Assert.Contains("sharedExpertNum",
            Assert.Throws<ArgumentException>(() => new Ple(columns, numLevels: 1, sharedExpertNum: -1)).Message);
        Assert.Contains("expertDnnHiddenUnits",
            Assert.Throws<ArgumentException>(() => new Ple(columns, numLevels: 1, expertDnnHiddenUnits: [])).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(
            () => new Ple(columns, numLevels: 1, taskTypes: ["binary"], taskNames: ["ctr"])).Message);
    }

    [Fact]
    public void WithoutSharedExpertsItStillPredictsAndTrains()
    {
        using var model = Cgc(shared: 0, taskTypes: ["regression", "regression"]);

        Assert.DoesNotContain(FamilyDefaults.Shapes(model).Keys, k =>
            k.StartsWith("shared_experts.0.0", StringComparison.Ordinal));
        var losses = SyntheticInputs.TrainLosses(model);

        Assert.True(losses[^1] < 0.8 * losses[0], $"losses {string.Join(", ", losses)}");
    }

    [Fact]
    public void TheUnusedSharedGateOfTheLastLevelGetsNoGradient()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Cgc(initStd: 0.5);
        model.Compile("sgd");
        var before = SyntheticInputs.Snapshot(model);

        model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0);

        var after = SyntheticInputs.Snapshot(model);
        Assert.Equal(before["shared_gate_dnn_final_layer.0.weight"], after["shared_gate_dnn_final_layer.0.weight"]);
        Assert.Equal(before["shared_gate_dnn.0.linears.0.bias"], after["shared_gate_dnn.0.linears.0.bias"]);
        Assert.NotEqual(before["specific_gate_dnn_final_layer.0.0.weight"],
            after["specific_gate_dnn_final_layer.0.0.weight"]);
    }
}
