using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;
using RecSharp.Tests.Shared;

namespace RecSharp.Data.Tests.Reading;

public class CensusDataTests
{
    [Trait("Data", "Census")]
    [SkippableFact]
    public void CensusFileReadsThroughTheExampleExperiment()
    {
        var path = SharedFolder.Require(SharedFolder.CensusFile);

        var config = ExperimentConfigLoader.Load(TestPaths.CensusExample).WithDataPath(path);
        var raw = CsvTableReader.ForExperiment(config).Read(path);

        Assert.Equal(99_762, raw.RowCount);
        Assert.Equal(0, raw.BadRows.SkippedCount);

        var (train, test) = raw.Split(config.Training.TestSplit, config.Training.ShuffleSeed);
        var pipeline = FittedPipeline.Fit(config, train);
        var statistics = new TransformStatistics();
        var table = pipeline.Transform(raw, statistics);

        var incomeRate = table.LabelColumn(0).Average();
        var maritalRate = table.LabelColumn(1).Average();
        Assert.InRange(incomeRate, 0.05, 0.07);
        Assert.InRange(maritalRate, 0.40, 0.46);
        Assert.Equal(79_809, train.RowCount);
        Assert.Equal(19_953, test.RowCount);
        Assert.False(statistics.LabelsMappedToZero.ContainsKey("income"));
        var maritalZeros = statistics.LabelsMappedToZero["marital"];
        Assert.Equal(6, maritalZeros.Count);
        Assert.Equal(raw.RowCount - table.LabelColumn(1).Sum(), maritalZeros.Values.Sum());
        Assert.Equal(5_325, maritalZeros["Widowed"]);

        var descriptions = pipeline.FeatureDescriptions;
        Assert.Equal(40, descriptions.Count);
        Assert.All(descriptions.Where(d => d.Kind == Schema.FeatureKind.Dense), d => Assert.Equal(1, d.Dimension));
        var age = (float[])table["age"];
        Assert.InRange(age.Min(), 0f, 0.01f);
        Assert.InRange(age.Max(), 0.99f, 1f);
        var education = descriptions.Single(d => d.Name == "education");
        Assert.InRange(education.VocabularySize, 10, 30);
    }
}
