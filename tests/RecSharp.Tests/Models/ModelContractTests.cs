using RecSharp.Features;
using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Models;

/// <summary>
/// The contract every model of the family keeps, stated once over all of them: outputs are rows by tasks (binary
/// tasks as probabilities), a batch of one predicts what the whole batch predicts and can be trained on, the seed fixes
/// the initial weights, and a regression task is learned.
/// </summary>
public class ModelContractTests
{
    public static TheoryData<string> Models => new() { "ple", "cgc", "mmoe", "sharedbottom", "esmm" };

    public static TheoryData<string> ModelsWithFreeTaskTypes => new() { "ple", "cgc", "mmoe", "sharedbottom" };

    [Theory]
    [MemberData(nameof(Models))]
    public void OutputsAreRowsByTasksAndABatchOfOneMatchesTheBatch(string type)
    {
        var x = SyntheticInputs.Inputs(11);
        string[]? taskTypes = type == "esmm" ? null : ["binary", "regression", "binary"];
        using var model = Build(type, taskTypes, initStd: 0.5);

        var batched = model.Predict(x, batchSize: 16);
        var single = model.Predict(x, batchSize: 1);

        Assert.Equal(11, batched.GetLength(0));
        Assert.Equal(model.Tasks.Count, batched.GetLength(1));
        SyntheticInputs.AssertClose(batched, single, 1e-6);
        FamilyDefaults.AssertVaries(batched);
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            if (model.Tasks[t].Type != TaskType.Binary) continue;
            for (int i = 0; i < 11; i++) Assert.InRange(batched[i, t], 0, 1);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void WithoutSequencesArraysPredictWhatTheirConvertedTensorsPredictBitForBit(string type)
    {
        // Without sequence columns Predict packs the rows; the converted tensors take the per-input path.
        var columns = SyntheticInputs.Columns().Where(c => c is not VarLenSparseFeat).ToArray();
        var x = SyntheticInputs.Inputs(7);
        using var model = Build(type, initStd: 0.5, columns: columns);
        using var converted = InputConverter.ToTensors(model.Layout, x);

        foreach (int batchSize in new[] { 1, 3, 16 })
            Assert.Equal(model.Predict(converted, batchSize), model.Predict(x, batchSize));
        FamilyDefaults.AssertVaries(model.Predict(x));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.5, false)]
    [InlineData(0.0, true)]
    public void PredictingInTrainingModeGivesTheEvalModeScoresAndKeepsTheMode(double dropout, bool batchNorm)
    {
        // Without dropout and BatchNorm the forward is the same in both modes and Predict keeps the mode; with either,
        // it switches to eval mode for the call.
        using var model = new Ple(SyntheticInputs.Columns(), new PleOptions
        {
            ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [4],
            DnnDropout = dropout, DnnUseBn = batchNorm, InitStd = 0.5,
        });
        var x = SyntheticInputs.Inputs(9);
        model.train();

        var inTraining = model.Predict(x);

        Assert.True(model.training);
        model.eval();
        Assert.Equal(model.Predict(x), inTraining);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ABatchOfOneTrains(string type)
    {
        var x = SyntheticInputs.Inputs(3);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Build(type);
        model.Compile("sgd");
        var before = SyntheticInputs.Snapshot(model);

        model.Fit(x, y, batchSize: 1, epochs: 1, verbose: 0);

        Assert.True(SyntheticInputs.Differ(before, SyntheticInputs.Snapshot(model)));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TheSeedFixesTheInitialWeights(string type)
    {
        using var a = Build(type, seed: 7);
        using var b = Build(type, seed: 7);
        using var c = Build(type, seed: 8);

        Assert.False(SyntheticInputs.Differ(SyntheticInputs.Snapshot(a), SyntheticInputs.Snapshot(b)));
        Assert.True(SyntheticInputs.Differ(SyntheticInputs.Snapshot(a), SyntheticInputs.Snapshot(c)));
    }

    [Theory]
    [MemberData(nameof(ModelsWithFreeTaskTypes))]
    public void TrainsOnARegressionTask(string type)
    {
        using var model = Build(type, ["regression", "regression"]);

        var losses = SyntheticInputs.TrainLosses(model);

        Assert.True(losses[^1] < 0.8 * losses[0], $"losses {string.Join(", ", losses)}");
    }

    // A small model of the given type on the synthetic columns; ESMM has its own two binary tasks.
    private static MultiTaskModel Build(string type, string[]? taskTypes = null, double initStd = 1e-4, int seed = 1024,
        IReadOnlyList<FeatureColumn>? columns = null)
    {
        columns ??= SyntheticInputs.Columns();
        string[]? names = taskTypes?.Select((_, i) => $"task{i}").ToArray();
        return type switch
        {
            "ple" or "cgc" => new Ple(columns, numLevels: type == "ple" ? 2 : 1, expertDnnHiddenUnits: [8],
                gateDnnHiddenUnits: [4], towerDnnHiddenUnits: [4], initStd: initStd, seed: seed, taskTypes: taskTypes,
                taskNames: names),
            "mmoe" => new Mmoe(columns, 3, [8], [4], [4], initStd: initStd, seed: seed, taskTypes: taskTypes,
                taskNames: names),
            "sharedbottom" => new SharedBottom(columns, [8], [4], initStd: initStd, seed: seed, taskTypes: taskTypes,
                taskNames: names),
            _ => new Esmm(columns, [8], initStd: initStd, seed: seed),
        };
    }
}
