using RecSharp.Data.Configuration;
using RecSharp.Data.Schema;
using RecSharp.Data.Tests.Support;
using RecSharp.Features;

namespace RecSharp.Data.Tests.Configuration;

public class CensusExampleTests
{
    [Fact]
    public void CensusExampleParses()
    {
        var config = ExperimentConfigLoader.Load(TestPaths.CensusExample);

        Assert.False(config.Data.Header);
        Assert.Equal(42, config.Data.Columns!.Count);
        Assert.Equal(["?"], config.Data.Missing);
        Assert.EndsWith(Path.Combine("shared", "data", "census-income.test.gz"), config.Data.Path);

        Assert.Equal(["income", "marital"], config.Tasks.Select(t => t.Name));
        Assert.Equal(["50000+."], config.Tasks[0].Positive);
        Assert.Equal(["- 50000."], config.Tasks[0].Negative);
        Assert.Equal(["Never married"], config.Tasks[1].Positive);

        Assert.Equal(40, config.Features.Count);
        Assert.Equal(29, config.Features.Count(f => f.Kind == FeatureKind.Sparse && f.EmbeddingDim.Value == 4));
        Assert.Equal(11, config.Features.Count(f => f.Kind == FeatureKind.Dense && f.Scaler == ScalerKind.MinMax));
        Assert.DoesNotContain(config.Features, f => f.Column is "marital_stat" or "income_50k");

        Assert.Equal("ple", config.Model.Type.Name);
        Assert.Equal((256, 1, 0.2), (config.Training.BatchSize, config.Training.Epochs, config.Training.TestSplit));
    }
}
