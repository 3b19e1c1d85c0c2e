using RecSharp.Models;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Models;

/// <summary>MMOE: the reference's defaults and state-dict keys, validation, outputs and training.</summary>
public class MmoeTests
{
    private const int InputDim = 13;

    [Fact]
    public void DefaultsEqualTheReference()
    {
        using var model = new Mmoe(SyntheticInputs.Columns());

        foreach (var o in new[] { model.MmoeOptions, new MmoeOptions() })
        {
            Assert.Equal(3, o.NumExperts);
            Assert.Equal([256, 128], o.ExpertDnnHiddenUnits);
            Assert.Equal([64], o.GateDnnHiddenUnits);
            Assert.Equal([64], o.TowerDnnHiddenUnits);
            FamilyDefaults.AssertCommon(o);
        }
        var shapes = FamilyDefaults.Shapes(model);
        Assert.Equal([256L, InputDim], shapes["expert_dnn.2.linears.0.weight"]);
        Assert.Equal([3L, 64L], shapes["gate_dnn_final_layer.1.weight"]);
        Assert.Equal([64L, 128L], shapes["tower_dnn.0.linears.0.weight"]);
    }

    [Fact]
    public void StateDictKeysFollowTheReference()
    {
        using var model = new Mmoe(SyntheticInputs.Columns(), numExperts: 2, expertDnnHiddenUnits: [8],
            gateDnnHiddenUnits: [5], towerDnnHiddenUnits: [4]);

        var shapes = FamilyDefaults.Shapes(model);

        Assert.Equal(new Dictionary<string, long[]>
        {
            ["embedding_dict.user.weight"] = [10, 4],
            ["embedding_dict.item.weight"] = [12, 4],
            ["embedding_dict.hist.weight"] = [12, 4],
            ["expert_dnn.0.linears.0.weight"] = [8, InputDim],
            ["expert_dnn.0.linears.0.bias"] = [8],
            ["expert_dnn.1.linears.0.weight"] = [8, InputDim],
            ["expert_dnn.1.linears.0.bias"] = [8],
            ["gate_dnn.0.linears.0.weight"] = [5, InputDim],
            ["gate_dnn.0.linears.0.bias"] = [5],
            ["gate_dnn.1.linears.0.weight"] = [5, InputDim],
            ["gate_dnn.1.linears.0.bias"] = [5],
            ["gate_dnn_final_layer.0.weight"] = [2, 5],
            ["gate_dnn_final_layer.1.weight"] = [2, 5],
            ["tower_dnn.0.linears.0.weight"] = [4, 8],
            ["tower_dnn.0.linears.0.bias"] = [4],
            ["tower_dnn.1.linears.0.weight"] = [4, 8],
            ["tower_dnn.1.linears.0.bias"] = [4],
            ["tower_dnn_final_layer.0.weight"] = [1, 4],
            ["tower_dnn_final_layer.1.weight"] = [1, 4],
            ["out.0.bias"] = [1],
            ["out.1.bias"] = [1],
        }.OrderBy(kv => kv.Key), shapes.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void EmptyGateAndTowerUnitsLeaveOnlyTheFinalLayers()
    {
        using var model = new Mmoe(SyntheticInputs.Columns(), numExperts: 4, expertDnnHiddenUnits: [8],
            gateDnnHiddenUnits: [], towerDnnHiddenUnits: []);

        var shapes = FamilyDefaults.Shapes(model);

        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("gate_dnn.", StringComparison.Ordinal)
            || k.StartsWith("tower_dnn.", StringComparison.Ordinal));
        Assert.Equal([4L, InputDim], shapes["gate_dnn_final_layer.0.weight"]);
        Assert.Equal([1L, 8L], shapes["tower_dnn_final_layer.1.weight"]);
        Assert.Equal(2, model.Predict(SyntheticInputs.Inputs(3)).GetLength(1));
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        var columns = SyntheticInputs.Columns();

        Assert.Contains("numExperts", Assert.Throws<ArgumentException>(() => new Mmoe(columns, numExperts: 1)).Message);
        Assert.Contains("numExperts", Assert.Throws<ArgumentException>(() => new Mmoe(columns, numExperts: 0)).Message);
        Assert.Contains("expertDnnHiddenUnits",
            Assert.Throws<ArgumentException>(() => new Mmoe(columns, expertDnnHiddenUnits: [])).Message);
        Assert.Contains("gateDnnHiddenUnits",
            Assert.Throws<ArgumentException>(() => new Mmoe(columns, gateDnnHiddenUnits: [0])).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(
            () => new Mmoe(columns, taskTypes: ["binary"], taskNames: ["ctr"])).Message);
        Assert.Throws<ArgumentException>(() => new Mmoe(columns, taskTypes: ["regression", "ranking"]));
        Assert.Throws<ArgumentException>(() => new Mmoe(columns, taskNames: ["ctr", "ctr"]));
    }
}
