using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Metrics;
using Xunit.Abstractions;

namespace RecSharp.Tests.Training;

/// <summary>
/// The standard benchmark: PLE with the reference's defaults on the census-income data (income and marital tasks),
/// one epoch of Adam, reaching the reference's test AUCs (about 0.944 and 0.994).
/// </summary>
[Trait("Data", "Census")]
public class CensusTrainingTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void PleWithTheReferenceDefaultsReachesTheReferenceAucsInOneEpoch()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var census = CensusData.Load();
        Assert.Equal(99_762, census.TotalRows);
        Assert.Equal(29, CensusData.Categorical.Length);
        Assert.Equal(11, CensusData.Numeric.Length);

        using var model = new Ple(census.Columns(), taskTypes: ["binary", "binary"], taskNames: ["income", "marital"]);
        model.Compile("adam", metrics: ["auc"]);
        model.Fit(census.TrainInputs(), census.TrainLabels(), batchSize: 256, epochs: 1, verbose: 0);
        var testInputs = census.TestInputs();
        var scores = model.Evaluate(testInputs, census.TestLabels(), batchSize: 1024);
        clock.Stop();

        output.WriteLine($"income AUC {scores["income_auc"]:F4}, marital AUC {scores["marital_auc"]:F4}, {clock.Elapsed.TotalSeconds:F0} s");
        var predictions = model.Predict(testInputs, batchSize: 1024);
        Assert.Equal(EvaluationMetrics.Auc(SyntheticInputs.Column(census.TestLabels(), 0), SyntheticInputs.Column(predictions, 0)), scores["income_auc"], 12);
        Assert.True(scores["income_auc"] >= 0.93, $"income AUC {scores["income_auc"]}");
        Assert.True(scores["marital_auc"] >= 0.99, $"marital AUC {scores["marital_auc"]}");
    }
}
