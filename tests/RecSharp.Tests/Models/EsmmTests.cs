using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Models;

/// <summary>ESMM: the reference's defaults and state-dict keys, validation, the pCTCVR = pCTR·pCVR identity and
/// training.</summary>
public class EsmmTests
{
    private const int InputDim = 13;

    [Fact]
    public void DefaultsEqualTheReference()
    {
        using var model = new Esmm(SyntheticInputs.Columns());

        foreach (var o in new[] { model.EsmmOptions, new EsmmOptions() })
        {
            Assert.Equal([256, 128], o.TowerDnnHiddenUnits);
            FamilyDefaults.AssertCommon(o);
        }
        Assert.Equal(["ctr", "ctcvr"], model.Tasks.Select(t => t.Name));
    }

    [Fact]
    public void StateDictKeysFollowTheReference()
    {
        using var model = new Esmm(SyntheticInputs.Columns(), towerDnnHiddenUnits: [8, 6]);

        var shapes = FamilyDefaults.Shapes(model);

        Assert.Equal(new Dictionary<string, long[]>
        {
            ["embedding_dict.user.weight"] = [10, 4],
            ["embedding_dict.item.weight"] = [12, 4],
            ["embedding_dict.hist.weight"] = [12, 4],
            ["ctr_dnn.linears.0.weight"] = [8, InputDim],
            ["ctr_dnn.linears.0.bias"] = [8],
            ["ctr_dnn.linears.1.weight"] = [6, 8],
            ["ctr_dnn.linears.1.bias"] = [6],
            ["cvr_dnn.linears.0.weight"] = [8, InputDim],
            ["cvr_dnn.linears.0.bias"] = [8],
            ["cvr_dnn.linears.1.weight"] = [6, 8],
            ["cvr_dnn.linears.1.bias"] = [6],
            ["ctr_dnn_final_layer.weight"] = [1, 6],
            ["cvr_dnn_final_layer.weight"] = [1, 6],
            ["out.bias"] = [1],
        }.OrderBy(kv => kv.Key), shapes.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        var columns = SyntheticInputs.Columns();

        var three = Assert.Throws<ArgumentException>(
            () => new Esmm(columns, taskTypes: ["binary", "binary", "binary"], taskNames: ["a", "b", "c"]));
        var regression = Assert.Throws<ArgumentException>(() => new Esmm(columns, taskTypes: ["binary", "regression"]));
        var empty = Assert.Throws<ArgumentException>(() => new Esmm(columns, towerDnnHiddenUnits: []));

        Assert.Contains("two tasks", three.Message);
        Assert.Contains("regression", regression.Message);
        Assert.Contains("binary", regression.Message);
        Assert.Contains("towerDnnHiddenUnits", empty.Message);
        Assert.Throws<ArgumentException>(() => new Esmm(columns, taskTypes: ["binary"], taskNames: ["ctr"]));
    }

    [Fact]
    public void CtcvrIsTheProductOfCtrAndCvr()
    {
        var x = SyntheticInputs.Inputs(20);
        using var model = new Esmm(SyntheticInputs.Columns(), [8], initStd: 0.5);

        AssertProductIdentity(model, x);
    }

    [Fact]
    public void TheProductIdentityHoldsAfterTrainingAndTheLossFalls()
    {
        var x = SyntheticInputs.Inputs(48);
        using var model = new Esmm(SyntheticInputs.Columns(), [8]);

        // Click-and-convert labels: a conversion only after a click.
        var y = SyntheticInputs.BinaryLabels(x);
        for (int i = 0; i < 48; i++) y[i, 1] *= y[i, 0];
        model.Compile("adam", learningRate: 0.01);
        var losses = model.Fit(x, y, batchSize: 8, epochs: 6, verbose: 0)["loss"];

        for (int e = 1; e < losses.Count; e++)
            Assert.True(losses[e] < losses[e - 1], $"losses {string.Join(", ", losses)}");
        AssertProductIdentity(model, x);
    }

    private static void AssertProductIdentity(Esmm model, Dictionary<string, Array> x)
    {
        var all = model.PredictWithCvr(x);
        var outputs = model.Predict(x);
        int rows = outputs.GetLength(0);

        Assert.Equal(3, all.GetLength(1));
        Assert.Equal(2, outputs.GetLength(1));
        for (int i = 0; i < rows; i++)
        {
            double ctr = all[i, 0], cvr = all[i, 1], ctcvr = all[i, 2];
            Assert.InRange(ctr, 0, 1);
            Assert.InRange(cvr, 0, 1);
            Assert.Equal(ctr * cvr, ctcvr, 1e-6);
            Assert.Equal(ctr, outputs[i, 0], 1e-6);
            Assert.Equal(ctr * cvr, outputs[i, 1], 1e-6);
            Assert.True(outputs[i, 1] <= outputs[i, 0] + 1e-7, "pCTCVR never exceeds pCTR");
        }
        FamilyDefaults.AssertVaries(all);
    }

    [Fact]
    public void ABatchOfOneMatchesTheBatch()
    {
        var x = SyntheticInputs.Inputs(9);
        using var model = new Esmm(SyntheticInputs.Columns(), [8], initStd: 0.5);

        SyntheticInputs.AssertClose(model.Predict(x, batchSize: 16), model.Predict(x, batchSize: 1), 1e-6);
        var all = model.PredictWithCvr(x);
        for (int i = 0; i < 9; i++)
        {
            var one = model.PredictWithCvr(SyntheticInputs.Rows(x, i, 1));
            for (int k = 0; k < 3; k++) Assert.Equal(all[i, k], one[0, k], 1e-6);
        }
    }

    [Fact]
    public void HasNoGates()
    {
        using var model = new Esmm(SyntheticInputs.Columns(), [8]);

        Assert.Empty(model.GateWeights(SyntheticInputs.Inputs(4)));
    }
}
