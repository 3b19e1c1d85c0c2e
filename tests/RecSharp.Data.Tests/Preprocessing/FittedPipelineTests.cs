using System.Text.Json.Serialization;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;
using RecSharp.Data.Tests.Support;
using RecSharp.Features;

namespace RecSharp.Data.Tests.Preprocessing;

public class FittedPipelineTests : IDisposable
{
    private const string Yaml = """
        data: { missing: ["?", ""] }
        tasks:
          - { name: click, type: binary, label: clicked }
          - { name: rich, type: binary, label: income, threshold: 100 }
          - { name: spend, type: regression, label: income }
          - { name: vip, type: binary, label: tier, positive: [gold, platinum] }
        features:
          - { name: user, kind: sparse, minCount: 2 }
          - { name: city, kind: hashed, buckets: 16, embeddingDim: auto }
          - { name: age, kind: dense, fill: 30, scaler: minmax }
          - { name: tags, kind: sequence, maxLen: 3, combiner: max }
        model: { type: mmoe }
        """;

    private const string TrainingCsv = """
        user,city,age,tags,clicked,income,tier
        u1,paris,20,a|b|c|d,1,150,gold
        u2,rome,?,b,0,50,silver
        u1,paris,40,,1,100,platinum
        u3,?,60,c | a,0,200,bronze

        """;

    private const string LaterCsv = """
        user,city,age,tags,clicked,income,tier
        u9,paris,80,z|a,1,1,gold

        """;

    private readonly TempFolder folder = new();
    private readonly ExperimentConfig config = ExperimentConfigLoader.Parse(Yaml);

    public void Dispose() => folder.Dispose();

    private RawTable Read(string csv, bool includeLabels = true)
        => CsvTableReader.ForExperiment(config, includeLabels).Read(folder.Write(Guid.NewGuid() + ".csv", csv));

    [Fact]
    public void FitsAndTransformsEveryFeatureKind()
    {
        var raw = Read(TrainingCsv);
        var pipeline = FittedPipeline.Fit(config, raw);
        var statistics = new TransformStatistics();

        var table = pipeline.Transform(raw, statistics);

        Assert.Equal(4, table.RowCount);
        Assert.Equal(["user", "city", "age", "tags"], table.FeatureNames);
        Assert.Equal([1, 0, 1, 0], (int[])table["user"]);
        int[] cities = new[] { "paris", "rome", "paris", "" }.Select(c => (int)FeatureHasher.Bucket(c, 16)).ToArray();
        Assert.Equal(cities, (int[])table["city"]);
        Assert.Equal([0f, 0.25f, 0.5f, 1f], (float[])table["age"]);
        Assert.Equal(new[,] { { 1, 2, 3 }, { 2, 0, 0 }, { 0, 0, 0 }, { 3, 1, 0 } }, (int[,])table["tags"]);

        Assert.True(table.HasLabels);
        Assert.Equal(["click", "rich", "spend", "vip"], table.TaskNames);
        Assert.Equal(
            new double[,] { { 1, 1, 150, 1 }, { 0, 0, 50, 0 }, { 1, 0, 100, 1 }, { 0, 1, 200, 0 } },
            table.Labels);

        Assert.Equal(4, statistics.Rows);
        Assert.Equal(2, statistics.UnseenValues["user"]);
        Assert.Equal(0, statistics.UnseenValues["tags"]);
        Assert.Equal(1, statistics.MissingValues["age"]);
        Assert.Equal(1, statistics.MissingValues["tags"]);
        Assert.Equal(1, statistics.MissingValues["city"]);
    }

    [Fact]
    public void DescribesWhatTheModelNeeds()
    {
        var pipeline = FittedPipeline.Fit(config, Read(TrainingCsv));

        Assert.Equal(
            [
                new FeatureDescription("user", FeatureKind.Sparse, 2, EmbeddingDim.Default),
                new FeatureDescription("city", FeatureKind.Hashed, 16, EmbeddingDim.Auto),
                new FeatureDescription("age", FeatureKind.Dense, 0, EmbeddingDim.Default, 1),
                new FeatureDescription("tags", FeatureKind.Sequence, 5, EmbeddingDim.Default, 1, 3,
                SequenceCombiner.Max),
            ],
            pipeline.FeatureDescriptions);
        Assert.Equal(
            [new TaskDescription("click", TaskType.Binary), new TaskDescription("rich", TaskType.Binary),
            new TaskDescription("spend", TaskType.Regression), new TaskDescription("vip", TaskType.Binary)],
            pipeline.TaskDescriptions);
    }

    [Fact]
    public void LaterRowsUseTheTrainingFitAndCountUnseenValues()
    {
        var pipeline = FittedPipeline.Fit(config, Read(TrainingCsv));
        var statistics = new TransformStatistics();

        var table = pipeline.Transform(Read(LaterCsv), statistics);

        Assert.Equal([0], (int[])table["user"]);
        Assert.Equal([1.5f], (float[])table["age"]);
        Assert.Equal(new[,] { { 0, 1, 0 } }, (int[,])table["tags"]);
        Assert.Equal(1, statistics.UnseenValues["user"]);
        Assert.Equal(1, statistics.UnseenValues["tags"]);
    }

    [Fact]
    public void JsonRoundTripGivesIdenticalTransforms()
    {
        var pipeline = FittedPipeline.Fit(config, Read(TrainingCsv));
        var later = Read(LaterCsv);
        var path = Path.Combine(folder.Path, "pipeline.json");

        pipeline.Save(path);
        var restored = FittedPipeline.Load(path);

        Assert.Equal(pipeline.FeatureDescriptions, restored.FeatureDescriptions);
        Assert.Equal(pipeline.TaskDescriptions, restored.TaskDescriptions);
        Assert.Equal(pipeline.ToJson(), restored.ToJson());
        foreach (var raw in new[] { Read(TrainingCsv), later })
        {
            var expected = pipeline.Transform(raw);
            var actual = restored.Transform(raw);
            foreach (var name in expected.FeatureNames)
            {
                Assert.Equal(expected[name], actual[name]);
            }

            Assert.Equal(expected.Labels, actual.Labels);
        }
    }

    [Fact]
    public void JsonNamesKindsAndScalers()
    {
        var json = FittedPipeline.Fit(config, Read(TrainingCsv)).ToJson();

        Assert.Contains("\"kind\": \"sequence\"", json);
        Assert.Contains("\"kind\": \"min_max\"", json);
        Assert.Contains("\"embedding_dim\": \"auto\"", json);
        Assert.Contains("\"format_version\": 2", json);
    }

    [Fact]
    public void JsonWritesEachFeatureKindThenEmbeddingDimThenItsOwnSettingsThenNameAndColumn()
    {
        var json = FittedPipeline.Fit(config, Read(TrainingCsv)).ToJson();

        using var document = System.Text.Json.JsonDocument.Parse(json);
        var keys = document.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => string.Join(",", f.EnumerateObject().Select(p => p.Name)))
            .ToArray();
        Assert.Equal(
        [
            "kind,embedding_dim,vocabulary,name,column",
            "kind,embedding_dim,buckets,name,column",
            "kind,fill,scaler,name,column",
            "kind,embedding_dim,delimiter,max_len,combiner,vocabulary,name,column",
        ], keys);
    }

    [Fact]
    public void UnsupportedFormatVersionIsRejected()
    {
        var json = FittedPipeline.Fit(config, Read(TrainingCsv)).ToJson()
            .Replace("\"format_version\": 2", "\"format_version\": 99");
        Assert.Throws<System.Text.Json.JsonException>(() => FittedPipeline.FromJson(json));
    }

    [Fact]
    public void APipelineOfFormatVersion1InCamelCaseStillReads()
    {
        var pipeline = FittedPipeline.Fit(config, Read(TrainingCsv));
        var camelCase = new System.Text.Json.JsonSerializerOptions
        {
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
            Converters = { new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
        };
        var version1 = System.Text.Json.JsonSerializer.Serialize(pipeline with { FormatVersion = 1 }, camelCase);

        var restored = FittedPipeline.FromJson(version1);

        Assert.Contains("\"kind\":\"minMax\"", version1);
        Assert.Equal(1, restored.FormatVersion);
        Assert.Equal(pipeline.ToJson(), (restored with { FormatVersion = 2 }).ToJson());
    }

    [Fact]
    public void PredictionInputWithoutLabelColumnsHasNoLabels()
    {
        var pipeline = FittedPipeline.Fit(config, Read(TrainingCsv));
        var raw = Read("user,city,age,tags\nu1,paris,20,a\n", includeLabels: false);

        var table = pipeline.Transform(raw);

        Assert.False(table.HasLabels);
        Assert.Equal(4, table.Labels.GetLength(1));
        Assert.All(table.LabelColumn(0), l => Assert.Equal(0, l));
        Assert.Equal([1], (int[])table["user"]);
    }

    [Fact]
    public void Log1pRejectsNegativeValuesNamingTheLine()
    {
        var log1p = ExperimentConfigLoader.Parse(Yaml.Replace("scaler: minmax", "scaler: log1p"));
        var raw = CsvTableReader.ForExperiment(log1p)
            .Read(folder.Write("neg.csv", TrainingCsv.Replace("u1,paris,40", "u1,paris,-2")));

        var error = Assert.Throws<DataFormatException>(() => FittedPipeline.Fit(log1p, raw));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal("age", error.Column);
        Assert.Equal("-2", error.Value);
        Assert.Contains("log1p", error.Message);
    }

    [Theory]
    [InlineData("minmax", "u1,paris,-1e308", "u3,?,1.5e308", 5, "1.5E+308")]
    [InlineData("standard", "u1,paris,1e200", "u3,?,-3e200", 5, "-3E+200")]
    public void ScalerWhoseStatisticsOverflowIsRefusedNamingFeatureLineAndValue(
        string scaler, string row2, string row4, int line, string value)
    {
        var wide = ExperimentConfigLoader.Parse(Yaml.Replace("scaler: minmax", $"scaler: {scaler}"));
        var csv = TrainingCsv.Replace("u1,paris,20", row2).Replace("u3,?,60", row4);
        var raw = CsvTableReader.ForExperiment(wide).Read(folder.Write("wide.csv", csv));

        var error = Assert.Throws<DataFormatException>(() => FittedPipeline.Fit(wide, raw));

        Assert.Equal((line, "age", value), (error.LineNumber!.Value, error.Column, error.Value));
        Assert.Contains(
            $"feature \"age\": the statistics of its {scaler} scaling over the training rows", error.Message);
    }

    [Theory]
    [InlineData("minmax", "1e308")]
    [InlineData("standard", "-1e300")]
    [InlineData("none", "3.5e38")]
    public void ValueScaledBeyondTheFloatRangeIsRefusedNamingItsLine(string scaler, string value)
    {
        var plain = ExperimentConfigLoader.Parse(Yaml.Replace("scaler: minmax", $"scaler: {scaler}"));
        var reader = CsvTableReader.ForExperiment(plain);
        var pipeline = FittedPipeline.Fit(plain, reader.Read(folder.Write("t.csv", TrainingCsv)));
        var later = reader.Read(folder.Write("later.csv", LaterCsv.Replace(",80,", $",{value},")));

        var error = Assert.Throws<DataFormatException>(() => pipeline.Transform(later));

        Assert.Equal((2, "age"), (error.LineNumber!.Value, error.Column));
        Assert.Contains("beyond the range of the model's 32-bit inputs", error.Message);
    }

    [Fact]
    public void FitRefusesABinaryTaskWhosePositiveValueMatchesNoTrainingRow()
    {
        var typo = ExperimentConfigLoader.Parse(Yaml.Replace("positive: [gold, platinum]", "positive: [Gold]"));

        var raw = CsvTableReader.ForExperiment(typo).Read(folder.Write("typo.csv", TrainingCsv));

        var error = Assert.Throws<DataFormatException>(() => FittedPipeline.Fit(typo, raw));

        Assert.Equal("tier", error.Column);
        Assert.Contains("task \"vip\": no training row of this binary task has a positive label", error.Message);
    }

    [Fact]
    public void TransformCountsTheLabelValuesMappedToZero()
    {
        var pipeline = FittedPipeline.Fit(config, Read(TrainingCsv));
        var statistics = new TransformStatistics();

        pipeline.Transform(Read(TrainingCsv), statistics);

        var zeros = Assert.Single(statistics.LabelsMappedToZero);
        Assert.Equal("vip", zeros.Key);
        Assert.Equal(new Dictionary<string, long> { ["silver"] = 1, ["bronze"] = 1 }, zeros.Value);
    }

    [Fact]
    public void FittingUsesOnlyTheGivenTrainingRows()
    {
        var raw = Read(TrainingCsv);
        var (train, _) = raw.Split(0.25, seed: 3);
        var pipeline = FittedPipeline.Fit(config, train);

        var age = (FittedDenseFeature)pipeline.Features[2];
        var trainAges = train.NumbersOf("age").Select(a => double.IsNaN(a) ? 30 : a).ToArray();
        Assert.Equal(trainAges.Min(), age.Scaler.Min);
        Assert.Equal(trainAges.Max(), age.Scaler.Max);
    }
}
