using RecSharp.Layers;
using RecSharp.Layers.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

public class ActivationTests
{
    private static float[] Apply(DnnActivation activation, float[] input)
    {
        using var module = activation.Create(input.Length);
        module.eval();
        using var x = tensor(input).reshape(1, input.Length);
        return module.forward(x).data<float>().ToArray();
    }

    [Fact]
    public void ReluZeroesNegatives()
    {
        Assert.Equal([0f, 0, 2], Apply("relu", [-1, 0, 2]));
    }

    [Fact]
    public void SigmoidMapsToTheLogisticFunction()
    {
        var v = Apply("sigmoid", [0, (float)Math.Log(3)]);
        Assert.Equal(0.5f, v[0], 6);
        Assert.Equal(0.75f, v[1], 6);
    }

    [Fact]
    public void LinearIsTheIdentity()
    {
        Assert.Equal([-3.5f, 0, 7], Apply("linear", [-3.5f, 0, 7]));
    }

    [Fact]
    public void PreluStartsWithSlopeAQuarterForNegatives()
    {
        Assert.Equal([-1f, 2], Apply("prelu", [-4, 2]));
        using var module = DnnActivation.Named("prelu").Create(5);
        Assert.Equal(1, module.parameters().Single().numel());
    }

    [Fact]
    public void NamesAreCaseInsensitiveAndNormalised()
    {
        DnnActivation activation = "ReLU";
        Assert.Equal("relu", activation.Name);
        Assert.Equal("relu", activation.ToString());
        Assert.Equal([0f, 1], Apply(activation, [-1, 1]));
    }

    [Fact]
    public void UnknownNameIsRejectedListingTheKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => DnnActivation.Named("swish"));
        Assert.Contains("\"swish\"", ex.Message);
        Assert.Contains("relu, sigmoid, linear, prelu, dice", ex.Message);
        Assert.Throws<ArgumentException>(() => { DnnActivation a = "gelu"; });
    }

    [Fact]
    public void CustomActivationIsBuiltPerLayerWidthAndUsedByTheDnn()
    {
        var widths = new List<long>();
        var custom = DnnActivation.Custom("tanh", units => { widths.Add(units); return nn.Tanh(); });
        using var dnn = new Dnn(2, [3, 1], new DnnOptions { Activation = custom });
        using (no_grad())
        {
            var state = dnn.state_dict();
            state["linears.0.weight"].copy_(tensor(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } }));
            state["linears.0.bias"].zero_();
            state["linears.1.weight"].copy_(tensor(new float[,] { { 1, -1, 0.5f } }));
            state["linears.1.bias"].zero_();
        }
        dnn.eval();

        var output = dnn.forward(tensor(new float[,] { { 0.5f, -1 } })).item<float>();

        Assert.Equal("custom:tanh", custom.Name);
        Assert.Equal([3L, 1L], widths);
        // h = tanh((0.5, -1, -0.5)); out = tanh(h0 - h1 + 0.5·h2)
        double h0 = Math.Tanh(0.5), h1 = Math.Tanh(-1), h2 = Math.Tanh(-0.5);
        Assert.Equal(Math.Tanh(h0 - h1 + 0.5 * h2), output, 5);
    }

    [Fact]
    public void DiceHasBatchNormAndAlphaKeysWithAlphaStartingAtZero()
    {
        using var dice = new Dice(3);

        var state = dice.state_dict();
        Assert.Equal(
            ["alpha", "bn.bias", "bn.num_batches_tracked", "bn.running_mean", "bn.running_var", "bn.weight"],
            state.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([0f, 0, 0], state["alpha"].data<float>().ToArray());
    }

    [Fact]
    public void DiceInEvalModeFollowsItsFormulaWithRunningStatistics()
    {
        using var dice = new Dice(2);
        using (no_grad())
        {
            var state = dice.state_dict();
            state["alpha"].copy_(tensor(new float[] { 0.5f, -1 }));
            state["bn.running_mean"].copy_(tensor(new float[] { 1, 0 }));
            state["bn.running_var"].copy_(tensor(new float[] { 4, 1 }));
        }
        dice.eval();
        var x = new float[,] { { 3, 0 }, { -1, 2 } };

        var output = dice.forward(tensor(x)).data<float>().ToArray();

        double[] alpha = [0.5, -1], mean = [1, 0], variance = [4, 1];
        for (int row = 0; row < 2; row++)
        {
            for (int unit = 0; unit < 2; unit++)
            {
                double v = x[row, unit];
                double p = 1 / (1 + Math.Exp(-(v - mean[unit]) / Math.Sqrt(variance[unit] + 1e-8)));
                double expected = alpha[unit] * (1 - p) * v + p * v;
                Assert.Equal(expected, output[row * 2 + unit], 5);
            }
        }
        // e.g. x = 3, unit 0: p = sigmoid(1) → 3·(0.5·(1-p) + p) ≈ 2.59659
        Assert.Equal(2.59659, output[0], 4);
    }

    [Fact]
    public void DiceIsSelectableByName()
    {
        using var module = DnnActivation.Named("dice").Create(4);
        Assert.IsType<Dice>(module);
        Assert.Equal(new long[] { 4 }, module.state_dict()["alpha"].shape);
    }
}
