using RecSharp.Tests.Support;
using RecSharp.Training;
using TorchSharp;

namespace RecSharp.Tests.Training;

/// <summary>Fit, Predict and Evaluate leave no tensor alive after they return.</summary>
public class RepeatedCallsLeakTests
{
    [Fact]
    public void RepeatedFitPredictAndEvaluateKeepTheLiveTensorCountFlat()
    {
        var x = SyntheticInputs.Inputs(40);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = SyntheticInputs.TinyPle();
        model.Compile("adam", metrics: ["auc"]);
        model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0);   // creates the optimizer state once
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 3; i++)
        {
            model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0, validationData: (x, y));
            model.Predict(x);
            model.Evaluate(x, y);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
