using RecSharp.Models;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Models;

/// <summary>SharedBottom: the reference's defaults and state-dict keys, validation, outputs and training.</summary>
public class SharedBottomTests
{
    // user 4 + item 4 + hist 4 + price 1
    private const int InputDim = 13;

    [Fact]
    public void DefaultsEqualTheReference()
    {
        using var model = new SharedBottom(SyntheticInputs.Columns());
        var o = model.SharedBottomOptions;

        Assert.Equal([256, 128], o.BottomDnnHiddenUnits);
        Assert.Equal([64], o.TowerDnnHiddenUnits);
        FamilyDefaults.AssertCommon(o);
        var record = new SharedBottomOptions();
        Assert.Equal([256, 128], record.BottomDnnHiddenUnits);
        Assert.Equal([64], record.TowerDnnHiddenUnits);
        FamilyDefaults.AssertCommon(record);
    }

    [Fact]
    public void StateDictKeysFollowTheReference()
    {
        using var model = new SharedBottom(SyntheticInputs.Columns(), bottomDnnHiddenUnits: [8, 6],
            towerDnnHiddenUnits: [4]);

        var shapes = FamilyDefaults.Shapes(model);

        Assert.Equal(new Dictionary<string, long[]>
        {
            ["embedding_dict.user.weight"] = [10, 4],
            ["embedding_dict.item.weight"] = [12, 4],
            ["embedding_dict.hist.weight"] = [12, 4],
            ["bottom_dnn.linears.0.weight"] = [8, InputDim],
            ["bottom_dnn.linears.0.bias"] = [8],
            ["bottom_dnn.linears.1.weight"] = [6, 8],
            ["bottom_dnn.linears.1.bias"] = [6],
            ["tower_dnn.0.linears.0.weight"] = [4, 6],
            ["tower_dnn.0.linears.0.bias"] = [4],
            ["tower_dnn.1.linears.0.weight"] = [4, 6],
            ["tower_dnn.1.linears.0.bias"] = [4],
            ["tower_dnn_final_layer.0.weight"] = [1, 4],
            ["tower_dnn_final_layer.1.weight"] = [1, 4],
            ["out.0.bias"] = [1],
            ["out.1.bias"] = [1],
        }.OrderBy(kv => kv.Key), shapes.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void EmptyTowerUnitsLeaveOnlyTheFinalLayer()
    {
        using var model = new SharedBottom(SyntheticInputs.Columns(), bottomDnnHiddenUnits: [8],
            towerDnnHiddenUnits: []);

        var shapes = FamilyDefaults.Shapes(model);

        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("tower_dnn.", StringComparison.Ordinal));
        Assert.Equal([1L, 8L], shapes["tower_dnn_final_layer.0.weight"]);
        Assert.Equal([1L, 8L], shapes["tower_dnn_final_layer.1.weight"]);
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        var columns = SyntheticInputs.Columns();

        Assert.Contains("bottomDnnHiddenUnits",
            Assert.Throws<ArgumentException>(() => new SharedBottom(columns, bottomDnnHiddenUnits: [])).Message);
        Assert.Contains("positive",
            Assert.Throws<ArgumentException>(() => new SharedBottom(columns, bottomDnnHiddenUnits: [8, 0])).Message);
        Assert.Contains("towerDnnHiddenUnits",
            Assert.Throws<ArgumentException>(() => new SharedBottom(columns, towerDnnHiddenUnits: [-1])).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(
            () => new SharedBottom(columns, taskTypes: ["binary"], taskNames: ["ctr"])).Message);
        Assert.Throws<ArgumentException>(() => new SharedBottom(columns, taskTypes: ["binary", "multiclass"]));
        Assert.Throws<ArgumentException>(() => new SharedBottom(columns, taskTypes: ["binary", "binary", "binary"]));
        Assert.Throws<ArgumentException>(() => new SharedBottom([]));
    }

    [Fact]
    public void RegressionOutputsAreRawAndBinaryOutputsAreProbabilities()
    {
        var x = SyntheticInputs.Inputs(5);
        using var model = new SharedBottom(SyntheticInputs.Columns(), [8], [4], taskTypes: ["binary", "regression"]);
        var parameters = model.ParametersByName();
        using (TorchSharp.torch.no_grad())
        {
            parameters["out.0.bias"].fill_(5.0);
            parameters["out.1.bias"].fill_(5.0);
            parameters["tower_dnn_final_layer.0.weight"].zero_();
            parameters["tower_dnn_final_layer.1.weight"].zero_();
        }

        var p = model.Predict(x);

        // With zero final layers every logit is 0, so the outputs are f(0 + 5).
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-5)), p[i, 0], 1e-6);
            Assert.Equal(5.0, p[i, 1], 1e-6);
        }
    }

    [Fact]
    public void HasNoGates()
    {
        using var model = new SharedBottom(SyntheticInputs.Columns(), [8], [4]);

        Assert.Empty(model.GateWeights(SyntheticInputs.Inputs(4)));
    }
}

/// <summary>Checks shared by the multi-task family's tests.</summary>
internal static class FamilyDefaults
{
    /// <summary>The common defaults of the reference's multi-task models.</summary>
    public static void AssertCommon(MultiTaskOptions o)
    {
        Assert.Equal(1e-5, o.L2RegLinear);
        Assert.Equal(1e-5, o.L2RegEmbedding);
        Assert.Equal(0, o.L2RegDnn);
        Assert.Equal(1e-4, o.InitStd);
        Assert.Equal(1024, o.Seed);
        Assert.Equal(0, o.DnnDropout);
        Assert.Equal("relu", o.DnnActivation);
        Assert.False(o.DnnUseBn);
        Assert.Equal(["binary", "binary"], o.TaskTypes);
        Assert.Equal(["ctr", "ctcvr"], o.TaskNames);
        Assert.Equal("cpu", o.Device);
        Assert.Null(o.Gpus);
    }

    /// <summary>Each state-dict key with its shape.</summary>
    public static Dictionary<string, long[]> Shapes(MultiTaskModel model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);

    /// <summary>Asserts each column takes more than one value (so comparisons between predictions mean
    /// something).</summary>
    public static void AssertVaries(double[,] predictions)
    {
        for (int t = 0; t < predictions.GetLength(1); t++)
        {
            var column = SyntheticInputs.Column(predictions, t);
            Assert.True(column.Max() - column.Min() > 1e-3, $"column {t} is nearly constant");
        }
    }
}
