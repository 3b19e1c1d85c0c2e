using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Models;

/// <summary>Gate inspection: per level and gate, the mean softmax weight of each expert.</summary>
public class GateWeightsTests
{
    [Fact]
    public void PleReportsEveryGateOfEveryLevelWithNamedExperts()
    {
        using var model = new Ple(SyntheticInputs.Columns(), new PleOptions
        {
            NumLevels = 2, SpecificExpertNum = 2, SharedExpertNum = 1, ExpertDnnHiddenUnits = [8],
            GateDnnHiddenUnits = [4],
            TowerDnnHiddenUnits = [4], InitStd = 0.5,
        });

        var gates = model.GateWeights(SyntheticInputs.Inputs(20));

        Assert.Equal([(0, "ctr"), (0, "ctcvr"), (0, "shared"), (1, "ctr"), (1, "ctcvr"), (1, "shared")],
            gates.Select(g => (g.Level, g.Gate)));
        foreach (var gate in gates)
        {
            string[] expected = gate.Gate == "shared"
                ? ["ctr.0", "ctr.1", "ctcvr.0", "ctcvr.1", "shared.0"]
                : [$"{gate.Gate}.0", $"{gate.Gate}.1", "shared.0"];
            Assert.Equal(expected, gate.Experts);
            AssertDistribution(gate);
        }
    }

    [Fact]
    public void MmoeReportsOneGatePerTask()
    {
        using var model = new Mmoe(SyntheticInputs.Columns(), 4, [8], [4], [4], initStd: 0.5,
            taskNames: ["click", "buy"]);

        var gates = model.GateWeights(SyntheticInputs.Inputs(20));

        Assert.Equal([(0, "click"), (0, "buy")], gates.Select(g => (g.Level, g.Gate)));
        Assert.All(gates, g => Assert.Equal(["expert.0", "expert.1", "expert.2", "expert.3"], g.Experts));
        Assert.All(gates, AssertDistribution);
    }

    private static void AssertDistribution(GateWeightSummary gate)
    {
        Assert.Equal(gate.Experts.Count, gate.MeanWeights.Count);
        Assert.All(gate.MeanWeights, w => Assert.InRange(w, 0, 1));
        Assert.Equal(1.0, gate.MeanWeights.Sum(), 1e-6);
    }

    // With dense inputs only and no gate DNN, a gate's weights are softmax(x·Wᵀ) of the raw inputs.
    private static readonly FeatureColumn[] DenseOnly = [new DenseFeat("a", 3)];

    private static Dictionary<string, Array> DenseInputs(int rows)
    {
        var random = new Random(5);
        var a = new double[rows, 3];
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < 3; k++) a[i, k] = Math.Round(random.NextDouble() * 4 - 2, 3);
        return new Dictionary<string, Array> { ["a"] = a };
    }

    private static double[] MeanSoftmax(double[,] x, double[] weight, int experts)
    {
        int rows = x.GetLength(0), dim = x.GetLength(1);
        var mean = new double[experts];
        for (int i = 0; i < rows; i++)
        {
            var logits = new double[experts];
            for (int e = 0; e < experts; e++)
                for (int k = 0; k < dim; k++) logits[e] += x[i, k] * weight[e * dim + k];
            double max = logits.Max();
            var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
            double sum = exp.Sum();
            for (int e = 0; e < experts; e++) mean[e] += exp[e] / sum / rows;
        }
        return mean;
    }

    [Fact]
    public void MmoeGateWeightsAreTheMeanSoftmaxOfTheGate()
    {
        var x = DenseInputs(15);
        using var model = new Mmoe(DenseOnly, 3, [6], gateDnnHiddenUnits: [], towerDnnHiddenUnits: [4], initStd: 1.0);
        var state = SyntheticInputs.Snapshot(model);

        var gates = model.GateWeights(x);

        for (int t = 0; t < 2; t++)
        {
            var expected = MeanSoftmax((double[,])x["a"], state[$"gate_dnn_final_layer.{t}.weight"], 3);
            Assert.Equal(expected.Length, gates[t].MeanWeights.Count);
            for (int e = 0; e < 3; e++) Assert.Equal(expected[e], gates[t].MeanWeights[e], 1e-5);
        }
        Assert.True(gates[0].MeanWeights.Max() - gates[0].MeanWeights.Min() > 1e-3,
            "precondition: the gate is not uniform");
    }

    [Fact]
    public void PleFirstLevelGateWeightsAreTheMeanSoftmaxOfTheGates()
    {
        var x = DenseInputs(15);
        using var model = new Ple(DenseOnly, new PleOptions
        {
            NumLevels = 2, SpecificExpertNum = 1, SharedExpertNum = 2, ExpertDnnHiddenUnits = [6],
            GateDnnHiddenUnits = [],
            TowerDnnHiddenUnits = [4], InitStd = 1.0,
        });
        var state = SyntheticInputs.Snapshot(model);

        var gates = model.GateWeights(x);

        var level0 = gates.Where(g => g.Level == 0).ToArray();
        for (int t = 0; t < 2; t++)
        {
            var expected = MeanSoftmax((double[,])x["a"], state[$"specific_gate_dnn_final_layer.0.{t}.weight"], 3);
            for (int e = 0; e < 3; e++) Assert.Equal(expected[e], level0[t].MeanWeights[e], 1e-5);
        }
        var shared = MeanSoftmax((double[,])x["a"], state["shared_gate_dnn_final_layer.0.weight"], 4);
        for (int e = 0; e < 4; e++) Assert.Equal(shared[e], level0[2].MeanWeights[e], 1e-5);
    }

    [Fact]
    public void GateWeightsUseEvalModeAndKeepTheTrainingMode()
    {
        using var model = new Mmoe(SyntheticInputs.Columns(), 3, [8], [4], [4], initStd: 0.5, dnnDropout: 0.5);
        var x = SyntheticInputs.Inputs(10);
        model.train();

        var first = model.GateWeights(x);
        var second = model.GateWeights(x);

        Assert.True(model.training);
        for (int g = 0; g < first.Count; g++) Assert.Equal(first[g].MeanWeights, second[g].MeanWeights);
    }

    [Fact]
    public void TrainingChangesTheGateWeights()
    {
        using var model = new Mmoe(SyntheticInputs.Columns(), 3, [8], [4], [4], initStd: 0.5);
        var x = SyntheticInputs.Inputs(48);
        var before = model.GateWeights(x);

        SyntheticInputs.TrainLosses(model, regression: false, epochs: 3);
        var after = model.GateWeights(x);

        Assert.NotEqual(before[0].MeanWeights, after[0].MeanWeights);
        Assert.All(after, AssertDistribution);
    }
}
