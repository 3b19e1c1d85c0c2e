using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Models;

/// <summary>Equivalence with the reference implementation, proved with its fixture <c>ple_basic.*</c>.</summary>
public class PleReferenceTests
{
    private const double Tolerance = 1e-5;

    [SkippableFact]
    public void InitialWeightsPredictTheReferenceEvalOutputs()
    {
        var fixture = PleFixture.Load();
        using var model = new Ple(fixture.Columns(), fixture.Options());
        var result = model.LoadStateDict(fixture.InitialStatePath);
        Assert.Empty(result.IgnoredKeys);

        var predicted = model.Predict(fixture.Inputs(), batchSize: 8);

        AssertClose(fixture.ExpectedEvalOutputs(), predicted);
    }

    [SkippableFact]
    public void ABatchOfOnePredictsTheSameRowsAsABatchOfEight()
    {
        var fixture = PleFixture.Load();
        using var model = new Ple(fixture.Columns(), fixture.Options());
        model.LoadStateDict(fixture.InitialStatePath);

        var batched = model.Predict(fixture.Inputs(), batchSize: 8);
        var single = model.Predict(fixture.Inputs(), batchSize: 1);

        AssertClose(batched, single, 1e-7);
    }

    [SkippableFact]
    public void OneEpochOfFitMatchesTheReferenceWeightsAndOutputs()
    {
        var fixture = PleFixture.Load();
        using var model = new Ple(fixture.Columns(), fixture.Options());
        model.LoadStateDict(fixture.InitialStatePath);
        var fit = fixture.Fit;
        model.Compile(fit.GetProperty("optimizer").GetString()!,
            loss: fit.GetProperty("loss").EnumerateArray().Select(l => (RecSharp.Training.TaskLoss)l.GetString()!)
                .ToArray());

        model.Fit(fixture.Inputs(), fixture.Labels(), batchSize: fit.GetProperty("batch_size").GetInt32(),
            epochs: fit.GetProperty("epochs").GetInt32(), shuffle: fit.GetProperty("shuffle").GetBoolean(), verbose: 0);

        var state = model.state_dict();
        foreach (var (key, (shape, values)) in fixture.StateAfterFit())
        {
            Assert.True(state.ContainsKey(key), $"missing {key}");
            Assert.Equal(shape, state[key].shape);
            var actual = state[key].to_type(TorchSharp.torch.ScalarType.Float64).data<double>().ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                Assert.True(Math.Abs(values[i] - actual[i]) <= Tolerance,
                    $"{key}[{i}]: expected {values[i]}, got {actual[i]}");
            }
        }
        AssertClose(fixture.ExpectedOutputsAfterFit(), model.Predict(fixture.Inputs()));
    }

    internal static void AssertClose(double[,] expected, double[,] actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance,
                    $"[{i},{j}]: expected {expected[i, j]}, got {actual[i, j]}");
            }
        }
    }
}
