using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

public class RegularizationRegistryTests
{
    private static Dictionary<string, Parameter> TwoParameters() => new()
    {
        ["w1"] = new Parameter(tensor(new float[] { 1, -2 })),
        ["w2"] = new Parameter(tensor(new float[,] { { 0.5f }, { -3 } })),
    };

    [Fact]
    public void LossSumsL1AbsAndL2SquaresPerGroup()
    {
        var registry = new RegularizationRegistry();
        registry.Add(["w1"], l1: 0.1, l2: 0.01);
        registry.Add(["w2"], l2: 0.5);

        using var loss = registry.Loss(TwoParameters(), CPU);

        // 0.1·(1+2) + 0.01·(1+4) + 0.5·(0.25+9) = 0.3 + 0.05 + 4.625
        Assert.Equal(4.975, loss.item<float>(), 5);
        Assert.Equal(0, loss.dim());
    }

    [Fact]
    public void AnEmptyGroupAddsNothing()
    {
        // A model without sparse features registers no embedding tables under l2_reg_embedding.
        var registry = new RegularizationRegistry();
        registry.Add([], l2: 1e-5);
        registry.Add(["w2"], l2: 0.5);

        using var loss = registry.Loss(TwoParameters(), CPU);

        Assert.Equal(4.625, loss.item<float>(), 5);
        Assert.Equal(["w2"], registry.Names);
    }

    [Fact]
    public void ANameInTwoGroupsIsPenalisedByBoth()
    {
        var registry = new RegularizationRegistry();
        registry.Add(["w1"], l2: 1);
        registry.Add(["w1", "w2"], l1: 2);

        using var loss = registry.Loss(TwoParameters(), CPU);

        // 1·(1+4) + 2·(1+2) + 2·(0.5+3)
        Assert.Equal(18, loss.item<float>(), 5);
        Assert.Equal(["w1", "w1", "w2"], registry.Names);
    }

    [Fact]
    public void TheLossGradientIsL1SignPlusTwiceL2W()
    {
        var parameters = TwoParameters();
        var registry = new RegularizationRegistry();
        registry.Add(["w1"], l1: 0.1, l2: 0.01);

        registry.Loss(parameters, CPU).backward();

        // d/dw (0.1|w| + 0.01w²) = 0.1·sign(w) + 0.02·w → (0.12, -0.14)
        var grad = parameters["w1"].grad!.data<float>().ToArray();
        Assert.Equal(0.12f, grad[0], 6);
        Assert.Equal(-0.14f, grad[1], 6);
        Assert.Null(parameters["w2"].grad);
    }

    [Fact]
    public void GroupsWithBothStrengthsZeroAreIgnored()
    {
        var registry = new RegularizationRegistry();
        registry.Add(["w1"]);

        Assert.True(registry.IsEmpty);
        Assert.Empty(registry.Names);
        Assert.Equal(0f, registry.Loss(TwoParameters(), CPU).item<float>());
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(0, -1)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void NegativeOrNonFiniteStrengthsAreRejected(double l1, double l2)
    {
        Assert.Throws<ArgumentException>(() => new RegularizationRegistry().Add(["w1"], l1, l2));
    }

    [Fact]
    public void AnUnknownParameterNameFailsNamingIt()
    {
        var registry = new RegularizationRegistry();
        registry.Add(["ghost"], l2: 1);

        var ex = Assert.Throws<InvalidOperationException>(() => registry.Loss(TwoParameters(), CPU));
        Assert.Contains("\"ghost\"", ex.Message);
    }

    [Fact]
    public void DnnWeightNamesKeepWeightsButNotBatchNormOrBiases()
    {
        using var dnn = new Dnn(3, [4], new DnnOptions { UseBn = true, Activation = "prelu" });

        var names = RegularizationRegistry.DnnWeightNames("tower",
            dnn.named_parameters().Select(p => (p.name, p.parameter)));

        Assert.Equal(["tower.activation_layers.0.weight", "tower.linears.0.weight"],
            names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PleRegistersEmbeddingsAndEveryDnnGateAndTowerWeightButNoBiasOrBatchNorm()
    {
        FeatureColumn[] columns =
        [
            new SparseFeat("user", 10, 4),
            new VarLenSparseFeat(new SparseFeat("hist", 12, 4), 3),
            new DenseFeat("price"),
        ];
        using var model = new Ple(columns, expertDnnHiddenUnits: [6, 4], gateDnnHiddenUnits: [3],
            towerDnnHiddenUnits: [2],
            l2RegDnn: 0.1, l2RegEmbedding: 0.01, dnnUseBn: true, initStd: 0.3);

        var registered = model.Regularization.Names.ToList();
        var parameters = model.ParametersByName();

        Assert.Equal(registered.Count, registered.Distinct().Count());
        var expected = parameters.Keys.Where(n => n.EndsWith(".weight", StringComparison.Ordinal)
            && !n.Contains(".bn.", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(expected.Order(StringComparer.Ordinal), registered.Order(StringComparer.Ordinal));
        Assert.Contains("embedding_dict.user.weight", registered);
        Assert.Contains("embedding_dict.hist.weight", registered);
        Assert.Contains("specific_experts.0.0.0.linears.0.weight", registered);
        Assert.Contains("shared_experts.1.0.0.linears.1.weight", registered);
        Assert.Contains("specific_gate_dnn.0.1.0.linears.0.weight", registered);
        Assert.Contains("shared_gate_dnn_final_layer.1.weight", registered);
        Assert.Contains("tower_dnn.1.linears.0.weight", registered);
        Assert.Contains("tower_dnn_final_layer.0.weight", registered);
        Assert.DoesNotContain(registered, n => n.EndsWith(".bias", StringComparison.Ordinal));
        Assert.DoesNotContain(registered, n => n.Contains(".bn.", StringComparison.Ordinal));
        // there were bn parameters to exclude
        Assert.Contains(parameters.Keys, n => n.Contains(".bn.", StringComparison.Ordinal));

        // The loss is 0.01·Σ embedding² + 0.1·Σ other weights².
        double expectedLoss = 0;
        foreach (var name in registered)
        {
            double squares = parameters[name].square().sum().item<float>();
            expectedLoss += (name.StartsWith("embedding_dict.", StringComparison.Ordinal) ? 0.01 : 0.1) * squares;
        }
        Assert.Equal(expectedLoss, model.Regularization.Loss(parameters, CPU).item<float>(), 3);
    }
}
