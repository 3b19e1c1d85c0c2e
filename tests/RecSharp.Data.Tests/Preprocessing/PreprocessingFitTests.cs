using System.Globalization;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Preprocessing.Fitting;
using RecSharp.Data.Reading;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Preprocessing;

public class PreprocessingFitTests : IDisposable
{
    private const string Yaml = """
        tasks:
          - { name: click, type: binary, label: click }
          - { name: vip, type: binary, label: tier, positive: [gold] }
          - { name: spend, type: regression, label: spend }
        features:
          - { name: user, kind: sparse, minCount: 2 }
          - { name: item, kind: sparse, maxSize: 3 }
          - { name: city, kind: hashed, buckets: 16 }
          - { name: age, kind: dense, scaler: standard }
          - { name: price, kind: dense, scaler: minmax }
          - { name: tags, kind: sequence, maxLen: 3, maxSize: 4 }
        model: { type: mmoe }
        """;

    private const string Header = "user,item,city,age,price,tags,click,tier,spend";

    private readonly TempFolder folder = new();
    private readonly ExperimentConfig config = ExperimentConfigLoader.Parse(Yaml);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void FittingChunkByChunkGivesTheFitOfAllRowsAtOnce()
    {
        var whole = Read(Rows(500, seed: 1));
        var chunks = new[] { 1, 120, 0, 79, 300 }.Aggregate(
            (Start: 0, Parts: new List<RawTable>()),
            (acc, size) =>
            {
                acc.Parts.Add(whole.Slice(Enumerable.Range(acc.Start, size).ToArray()));
                return (acc.Start + size, acc.Parts);
            }).Parts;

        var once = FittedPipeline.Fit(config, whole);
        var streamed = FittedPipeline.Fit(config, chunks);

        for (var i = 0; i < once.Features.Count; i++)
        {
            if (once.Features[i] is FittedDenseFeature dense)
            {
                var other = (FittedDenseFeature)streamed.Features[i];
                Assert.Equal(dense.Scaler.Min, other.Scaler.Min);
                Assert.Equal(dense.Scaler.Max, other.Scaler.Max);
                Assert.Equal(dense.Scaler.Mean, other.Scaler.Mean, 1e-12);
                Assert.Equal(dense.Scaler.Std, other.Scaler.Std, 1e-12);
            }
            else
            {
                Assert.Equal(once.Features[i].Describe(), streamed.Features[i].Describe());
                Assert.Equal(Vocabulary(once, i), Vocabulary(streamed, i));
            }
        }
    }

    [Fact]
    public void MaxSizeKeepsTheMostFrequentValuesInOrderOfFirstAppearanceAndTheRestAreOutOfVocabulary()
    {
        var counter = new VocabularyCounter(maxSize: 3);
        foreach (var value in "e d d c c c b b b b a a a a a d".Split(' '))
        {
            counter.Add(value);
        }

        var vocabulary = counter.Build();

        Assert.Equal(["d", "b", "a"], vocabulary.Values);
        Assert.Equal([0, 1, 0, 2, 3], new[] { "e", "d", "c", "b", "a" }.Select(vocabulary.IdOf));
        Assert.Equal(["b", "a"], counter.Build(minCount: 4).Values);
        Assert.Equal(0, counter.LargestDroppedCount);
    }

    [Fact]
    public void ABoundedCounterKeepsItsTableSmallAndItsFrequentValuesOverMillionsOfDistinctOnes()
    {
        var counter = new VocabularyCounter(maxSize: 10);
        var largestTable = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            counter.Add(i % 10 == 0 ? $"frequent-{i / 10 % 10}" : $"rare-{i}");
            largestTable = Math.Max(largestTable, counter.DistinctCount);
        }

        var vocabulary = counter.Build();

        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"frequent-{k}"), vocabulary.Values);
        Assert.InRange(largestTable, 2 * VocabularyCounter.MinimumCapacity, 2 * VocabularyCounter.MinimumCapacity + 1);
        Assert.Equal(1, counter.LargestDroppedCount);
    }

    [Fact]
    public void HashedFeaturesUnscaledNumbersAndRegressionsNeedNoRows()
    {
        var hashedOnly = ExperimentConfigLoader.Parse("""
            tasks: [{ name: spend, type: regression, label: spend }]
            features:
              - { name: city, kind: hashed, buckets: 16 }
              - { name: age, kind: dense, scaler: log1p }
            model: { type: mmoe }
            """);

        var fit = new PreprocessingFit(hashedOnly);
        var pipeline = fit.Finish();

        Assert.False(fit.NeedsRows);
        Assert.True(new PreprocessingFit(config).NeedsRows);
        Assert.Equal(16, Assert.IsType<FittedHashedFeature>(pipeline.Features[0]).Buckets);
        Assert.Equal(0, fit.RowCount);
    }

    [Fact]
    public void ABinaryTaskWithoutPositivesIsRefusedWithTheValuesOfAllChunks()
    {
        var first = Read($"{Header}\nu,i,c,1,1,a,1,silver,1\nu,i,c,1,1,a,1,bronze,1\n");
        var second = Read($"{Header}\nu,i,c,1,1,a,1,silver,1\n");

        var error = Assert.Throws<DataFormatException>(() => FittedPipeline.Fit(config, [first, second], "logs/*.csv"));

        Assert.Equal("logs/*.csv, column \"tier\": task \"vip\": no training row of this binary task has a positive "
            + "label: no value is one of \"gold\"; the column holds \"silver\" (2 rows), \"bronze\" (1 rows)",
            error.Message);
    }

    [Fact]
    public void AnOverflowingScalerNamesTheChunkAndRowOfTheLargestValue()
    {
        var first = Read($"{Header}\nu,i,c,1,1,a,1,gold,1\n");
        var second = Read($"{Header}\nu,i,c,1,-1.7e308,a,1,gold,1\nu,i,c,1,1.7e308,a,1,gold,1\n");

        var error = Assert.Throws<DataFormatException>(() => FittedPipeline.Fit(config, [first, second]));

        Assert.Equal(second.FileName, error.FileName);
        Assert.Equal((2, "price"), (error.LineNumber!.Value, error.Column));
        Assert.Contains("the statistics of its minmax scaling over the training rows overflow", error.Message);
    }

    [Fact]
    public void MaxSizeAppliesOnlyToCategoricalFeatures()
    {
        var error = Assert.Throws<ConfigurationException>(() => ExperimentConfigLoader.Parse("""
            tasks: [{ name: spend, type: regression, label: spend }]
            features: [{ name: age, kind: dense, maxSize: 3 }]
            model: { type: mmoe }
            """));

        Assert.Contains("'maxSize' does not apply to dense feature 'age' (only to sparse and sequence)", error.Message);
        Assert.Equal(3, config.Features[1].MaxSize);
    }

    private static IReadOnlyList<string> Vocabulary(FittedPipeline pipeline, int i) => pipeline.Features[i] switch
    {
        FittedSparseFeature sparse => sparse.Vocabulary.Values,
        FittedSequenceFeature sequence => sequence.Vocabulary.Values,
        _ => [],
    };

    private static string Rows(int count, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string> { Header };
        for (var i = 0; i < count; i++)
        {
            var tags = string.Join('|', Enumerable.Range(0, random.Next(4)).Select(_ => $"t{random.Next(9)}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"u{random.Next(60)},i{(int)Math.Sqrt(random.Next(100))},c{random.Next(5)},{random.NextDouble() * 90},"
                + $"{random.Next(1000) / 7.0},{tags},{random.Next(2)},{(random.Next(5) == 0 ? "gold" : "tin")},"
                + $"{random.NextDouble()}"));
        }

        return string.Join('\n', lines) + "\n";
    }

    private RawTable Read(string csv)
        => CsvTableReader.ForExperiment(config).Read(folder.Write(Guid.NewGuid() + ".csv", csv));
}
