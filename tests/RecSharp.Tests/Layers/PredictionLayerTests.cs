using RecSharp.Features;
using RecSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

public class PredictionLayerTests
{
    private static float[] Forward(PredictionLayer layer, params float[] logits)
    {
        using var x = tensor(logits).reshape(logits.Length, 1);
        return layer.forward(x).data<float>().ToArray();
    }

    [Fact]
    public void BiasStartsAtZero()
    {
        using var layer = new PredictionLayer(TaskType.Binary);

        var state = layer.state_dict();
        Assert.Equal(["bias"], state.Keys);
        Assert.Equal(new long[] { 1 }, state["bias"].shape);
        Assert.Equal(0f, state["bias"].item<float>());
    }

    [Fact]
    public void BinaryAppliesSigmoid()
    {
        using var layer = new PredictionLayer(TaskType.Binary);

        var v = Forward(layer, 0, 2, -3);

        Assert.Equal(0.5f, v[0], 6);
        Assert.Equal(1 / (1 + Math.Exp(-2)), v[1], 6);
        Assert.Equal(1 / (1 + Math.Exp(3)), v[2], 6);
    }

    [Fact]
    public void BinaryAddsTheBiasBeforeTheSigmoid()
    {
        using var layer = new PredictionLayer(TaskType.Binary);
        using (no_grad()) layer.state_dict()["bias"].fill_(1.0);

        var v = Forward(layer, -1, 1);

        Assert.Equal(0.5f, v[0], 6);
        Assert.Equal(1 / (1 + Math.Exp(-2)), v[1], 6);
    }

    [Fact]
    public void RegressionOutputsTheRawLogitPlusBias()
    {
        using var layer = new PredictionLayer(TaskType.Regression);
        Assert.Equal([-5f, 100], Forward(layer, -5, 100));

        using (no_grad()) layer.state_dict()["bias"].fill_(1.5);
        Assert.Equal([-3.5f, 101.5f], Forward(layer, -5, 100));
        Assert.Equal(TaskType.Regression, layer.Task);
    }
}
