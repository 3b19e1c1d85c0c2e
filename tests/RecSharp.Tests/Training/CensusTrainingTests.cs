using RecSharp.Data.Schema;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Metrics;
using Xunit.Abstractions;

namespace RecSharp.Tests.Training;

/// <summary>
/// The standard benchmark: PLE with the reference's defaults on the census experiment (income and marital tasks),
/// reaching the reference's test AUCs (about 0.944 and 0.994) after one epoch of Adam. The model is the one
/// <see cref="Models.FamilyCensusTests"/> trains for <see cref="CensusFixture.Epochs"/> epochs; its first epoch's
/// test AUCs are read from the fit's validation metrics, which this test shows to be <c>Evaluate</c>'s on the same
/// rows.
/// </summary>
[Trait("Data", "Census")]
[Collection(CensusCollection.Name)]
public class CensusTrainingTests(CensusFixture census, ITestOutputHelper output)
{
    [SkippableFact]
    public void CensusExperimentReadsAsTheReferenceSplitsIt()
    {
        var data = census.Data;
        Assert.Equal(79_809, data.Train.RowCount);
        Assert.Equal(0, data.Validation.RowCount);
        Assert.Equal(19_953, data.Test.RowCount);
        Assert.Equal(29, data.Features.Count(f => f.Kind == FeatureKind.Sparse));
        Assert.Equal(11, data.Features.Count(f => f.Kind == FeatureKind.Dense));
        Assert.Equal(["income", "marital"], census.TaskNames);
    }

    [SkippableFact]
    public void PleWithTheReferenceDefaultsReachesTheReferenceAucsInOneEpoch()
    {
        var ple = census.Ple();
        var firstEpoch = ple.TestAucs(1);
        output.WriteLine($"after one epoch: income AUC {firstEpoch[0]:F4}, marital AUC {firstEpoch[1]:F4}");
        Assert.True(firstEpoch[0] >= 0.93, $"income AUC {firstEpoch[0]}");
        Assert.True(firstEpoch[1] >= 0.99, $"marital AUC {firstEpoch[1]}");
    }

    [SkippableFact]
    public void ValidationMetricsOfTheFitAreEvaluatesAndPredictsOnTheTestRows()
    {
        var ple = census.Ple();
        var testInputs = census.Data.Test.ToInputDictionary();
        var labels = census.TestLabels();
        var scores = ple.Model.Evaluate(testInputs, labels, batchSize: 1024);
        var predictions = ple.Model.Predict(testInputs, batchSize: 1024);

        var lastEpoch = ple.TestAucs(CensusFixture.Epochs);
        Assert.Equal(lastEpoch[0], scores["income_auc"], 12);
        Assert.Equal(lastEpoch[1], scores["marital_auc"], 12);
        var income = EvaluationMetrics.Auc(SyntheticInputs.Column(labels, 0), SyntheticInputs.Column(predictions, 0));
        Assert.Equal(income, scores["income_auc"], 12);
    }
}
