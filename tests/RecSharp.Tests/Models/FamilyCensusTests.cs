using RecSharp.Models;
using RecSharp.Tests.Shared;
using RecSharp.Tests.Support;
using RecSharp.Training;
using Xunit.Abstractions;

namespace RecSharp.Tests.Models;

/// <summary>
/// Every model of the family trains on the census data to within 0.01 of PLE's test AUC with the same budget
/// (reference defaults, Adam, batch 256, three epochs). ESMM is compared with PLE on labels it is made for, where the
/// second implies the first: "never married" and "never married with income above 50K".
/// </summary>
[Trait("Data", "Census")]
public class FamilyCensusTests(ITestOutputHelper output)
{
    private const int Epochs = 3;
    private static readonly Lazy<CensusData> Census = new(CensusData.Load);
    private static readonly Dictionary<bool, double[]> PleAucs = [];

    public static TheoryData<string> Models => new() { "sharedbottom", "mmoe", "cgc" };

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void EachModelReachesPlesAucWithinOneHundredth(string type)
    {
        var census = LoadOrSkip();
        string[] names = ["income", "marital"];
        using MultiTaskModel model = type switch
        {
            "sharedbottom" => new SharedBottom(census.Columns(), taskNames: names),
            "mmoe" => new Mmoe(census.Columns(), taskNames: names),
            _ => new Ple(census.Columns(), numLevels: 1, taskNames: names),
        };
        Compare(type, model, nested: false);
    }

    [SkippableFact]
    public void EsmmReachesPlesAucWithinOneHundredthOnNestedLabels()
    {
        var census = LoadOrSkip();
        using var model = new Esmm(census.Columns());
        Compare("esmm", model, nested: true);
    }

    private void Compare(string type, MultiTaskModel model, bool nested)
    {
        var aucs = TestAucs(model, nested);
        var reference = PleTestAucs(nested);
        output.WriteLine($"{type}: {string.Join(", ", aucs.Select(a => a.ToString("F4")))}; PLE: {string.Join(", ", reference.Select(a => a.ToString("F4")))}");
        for (int t = 0; t < aucs.Length; t++)
            Assert.True(aucs[t] >= reference[t] - 0.01, $"{type}, task {model.Tasks[t].Name}: AUC {aucs[t]:F4} against PLE's {reference[t]:F4}");
    }

    private static CensusData LoadOrSkip()
    {
        SharedFolder.Require(SharedFolder.CensusFile);
        return Census.Value;
    }

    private static double[] PleTestAucs(bool nested)
    {
        lock (PleAucs)
        {
            if (!PleAucs.TryGetValue(nested, out var aucs))
            {
                using var ple = new Ple(Census.Value.Columns(), taskNames: nested ? ["ctr", "ctcvr"] : ["income", "marital"]);
                PleAucs[nested] = aucs = TestAucs(ple, nested);
            }
            return aucs;
        }
    }

    private static double[] TestAucs(MultiTaskModel model, bool nested)
    {
        var census = Census.Value;
        model.Compile("adam", metrics: ["auc"]);
        model.Fit(census.TrainInputs(), Labels(census.TrainLabels(), nested), batchSize: 256, epochs: Epochs, verbose: 0);
        var scores = model.Evaluate(census.TestInputs(), Labels(census.TestLabels(), nested), batchSize: 1024);
        return model.Tasks.Select(t => scores[$"{t.Name}_auc"]).ToArray();
    }

    // Income and marital status, or for ESMM's structure: never married ("click"), and never married with income above 50K.
    private static double[,] Labels(double[,] incomeAndMarital, bool nested)
    {
        if (!nested) return incomeAndMarital;
        int rows = incomeAndMarital.GetLength(0);
        var labels = new double[rows, 2];
        for (int i = 0; i < rows; i++)
        {
            labels[i, 0] = incomeAndMarital[i, 1];
            labels[i, 1] = incomeAndMarital[i, 0] * incomeAndMarital[i, 1];
        }
        return labels;
    }
}
