using RecSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

public class DnnTests
{
    private static void Set(Dnn dnn, string key, float[] values)
    {
        using var noGrad = no_grad();
        var target = dnn.state_dict()[key];
        target.copy_(tensor(values).reshape(target.shape));
    }

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void StateDictKeysAreLinearsWithoutBnOrActivationParametersForRelu()
    {
        using var dnn = new Dnn(3, [4, 2], new DnnOptions());

        Assert.Equal(
            ["linears.0.bias", "linears.0.weight", "linears.1.bias", "linears.1.weight"],
            dnn.state_dict().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new long[] { 4, 3 }, dnn.state_dict()["linears.0.weight"].shape);
        Assert.Equal(new long[] { 2, 4 }, dnn.state_dict()["linears.1.weight"].shape);
        Assert.Equal(2, dnn.OutputDim);
    }

    [Fact]
    public void UseBnAddsBatchNormKeysPerLayer()
    {
        using var dnn = new Dnn(3, [4, 2], new DnnOptions { UseBn = true });

        var keys = dnn.state_dict().Keys.ToHashSet();
        foreach (int i in new[] { 0, 1 })
        {
            foreach (var suffix in new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" })
                Assert.Contains($"bn.{i}.{suffix}", keys);
        }
        Assert.Equal(new long[] { 2 }, dnn.state_dict()["bn.1.running_mean"].shape);
    }

    [Fact]
    public void PreluAddsOneSlopePerLayerStartingAtAQuarter()
    {
        using var dnn = new Dnn(3, [4, 2], new DnnOptions { Activation = "prelu" });

        var state = dnn.state_dict();
        Assert.Equal([0.25f], Values(state["activation_layers.0.weight"]));
        Assert.Equal([0.25f], Values(state["activation_layers.1.weight"]));
        Assert.DoesNotContain(state.Keys, k => k.StartsWith("bn.", StringComparison.Ordinal));
    }

    [Fact]
    public void OneReluLayerComputesReluOfWxPlusB()
    {
        using var dnn = new Dnn(2, [2], new DnnOptions());
        Set(dnn, "linears.0.weight", [1, -1, 2, 0.5f]);  // W = [[1, -1], [2, 0.5]]
        Set(dnn, "linears.0.bias", [0.5f, -1]);
        dnn.eval();

        using var output = dnn.forward(tensor(new float[,] { { 1, 2 }, { 3, -1 } }));

        // row 0: (1-2+0.5, 2+1-1) = (-0.5, 2) → (0, 2); row 1: (3+1+0.5, 6-0.5-1) = (4.5, 4.5)
        Assert.Equal([0f, 2, 4.5f, 4.5f], Values(output));
    }

    [Fact]
    public void BatchNormInTrainModeUsesBatchStatisticsAndUpdatesRunningStatistics()
    {
        using var dnn = new Dnn(1, [1], new DnnOptions { UseBn = true, Activation = "linear" });
        Set(dnn, "linears.0.weight", [1]);
        Set(dnn, "linears.0.bias", [0]);
        dnn.train();

        using var output = dnn.forward(tensor(new float[,] { { 1 }, { 2 }, { 3 }, { 4 } }));

        // batch mean 2.5, biased variance 1.25 → (x - 2.5) / sqrt(1.25 + 1e-5)
        double sd = Math.Sqrt(1.25 + 1e-5);
        var v = Values(output);
        for (int i = 0; i < 4; i++) Assert.Equal((i + 1 - 2.5) / sd, v[i], 4);
        // running_mean = 0.9·0 + 0.1·2.5; running_var = 0.9·1 + 0.1·(unbiased 5/3)
        var state = dnn.state_dict();
        Assert.Equal(0.25f, state["bn.0.running_mean"].item<float>(), 5);
        Assert.Equal(0.9 + 0.1 * 5.0 / 3.0, state["bn.0.running_var"].item<float>(), 5);
        Assert.Equal(1L, state["bn.0.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void BatchNormInEvalModeUsesRunningStatistics()
    {
        using var dnn = new Dnn(1, [1], new DnnOptions { UseBn = true, Activation = "linear" });
        Set(dnn, "linears.0.weight", [1]);
        Set(dnn, "linears.0.bias", [0]);
        Set(dnn, "bn.0.running_mean", [2]);
        Set(dnn, "bn.0.running_var", [4]);
        dnn.eval();

        using var output = dnn.forward(tensor(new float[,] { { 1 }, { 2 }, { 6 } }));

        double sd = Math.Sqrt(4 + 1e-5);
        var v = Values(output);
        Assert.Equal(-1 / sd, v[0], 5);
        Assert.Equal(0, v[1], 5);
        Assert.Equal(4 / sd, v[2], 5);
        Assert.Equal(2f, dnn.state_dict()["bn.0.running_mean"].item<float>());
    }

    [Fact]
    public void DropoutZeroesAndRescalesInTrainModeOnly()
    {
        using var dnn = new Dnn(1, [10000], new DnnOptions { DropoutRate = 0.5, Activation = "linear" });
        Set(dnn, "linears.0.weight", Enumerable.Repeat(1f, 10000).ToArray());
        Set(dnn, "linears.0.bias", new float[10000]);
        using var x = tensor(new float[,] { { 1 } });

        dnn.train();
        var trained = Values(dnn.forward(x));
        int zeros = trained.Count(v => v == 0);
        Assert.All(trained, v =>
            Assert.True(v == 0 || v == 2f, $"train-mode value {v} is neither dropped nor scaled by 1/(1-p)"));
        Assert.InRange(zeros, 4500, 5500);

        dnn.eval();
        Assert.All(Values(dnn.forward(x)), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void LinearWeightsStartNormalWithInitStd()
    {
        random.manual_seed(5);
        using var dnn = new Dnn(500, [400], new DnnOptions { InitStd = 0.01 });

        var weight = dnn.state_dict()["linears.0.weight"];
        Assert.InRange(weight.std().item<float>(), 0.009, 0.011);
        Assert.InRange(weight.mean().item<float>(), -0.001, 0.001);
        // biases keep PyTorch's default uniform(-1/sqrt(in), 1/sqrt(in))
        Assert.True(dnn.state_dict()["linears.0.bias"].abs().max().item<float>() <= 1 / Math.Sqrt(500));
    }

    [Fact]
    public void EmptyHiddenUnitsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dnn(3, [], new DnnOptions()));
        Assert.Equal("hiddenUnits", ex.ParamName);
    }

    [Fact]
    public void NonPositiveHiddenUnitsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dnn(3, [4, 0], new DnnOptions()));
        Assert.Contains("got 0", ex.Message);
    }

    [Fact]
    public void NonPositiveInputDimIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new Dnn(0, [4], new DnnOptions()));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void DropoutOutsideZeroToOneIsRejected(double rate)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dnn(3, [4], new DnnOptions { DropoutRate = rate }));
        Assert.Equal("dnnDropout", ex.ParamName);
    }

    [Fact]
    public void NegativeInitStdIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dnn(3, [4], new DnnOptions { InitStd = -1 }));
        Assert.Equal("initStd", ex.ParamName);
    }
}
