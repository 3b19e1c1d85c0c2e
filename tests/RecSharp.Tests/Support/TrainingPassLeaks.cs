using RecSharp.Inputs;
using RecSharp.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Support;

/// <summary>Counts live tensors across repeated training passes (forward, regularised loss, backward, Adam
/// step).</summary>
public static class TrainingPassLeaks
{
    /// <summary>Runs twenty passes and asserts that no tensors accumulate after the first three (which create Adam's
    /// state).</summary>
    public static void AssertNoGrowth(MultiTaskModel model, TensorInputs x)
    {
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        model.train();
        var live = new long[21];
        using (NewDisposeScope())
        {
            for (int pass = 1; pass <= 20; pass++)
            {
                using (NewDisposeScope())
                {
                    optimizer.zero_grad();
                    var loss = model.forward(x).sum() + model.Regularization.Loss(model.ParametersByName(), CPU);
                    loss.backward();
                    optimizer.step();
                }
                live[pass] = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            }
        }
        Assert.True(live[20] <= live[3], $"live tensors grew from {live[3]} after pass 3 to {live[20]} after pass 20");
    }
}
