using System.Text.Json.Nodes;
using RecSharp.Data.Configuration;
using RecSharp.Data.Configuration.Sections;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Streaming;

/// <summary>
/// The keys of streaming training: <c>training.streaming</c>, <c>shuffleBuffer</c> and the data section's split and
/// budget.
/// </summary>
public class StreamingConfigTests
{
    private const string Base = """
        tasks: [{ name: click, type: binary, label: clicked }]
        features: [{ name: user, kind: sparse }]
        model: { type: mmoe }
        """;

    private static ExperimentConfig Parse(string more) =>
        ExperimentConfigLoader.Parse(Base + "\n" + more, "test.yaml", "/base");

    [Fact]
    public void WithoutTheKeysStreamingIsDecidedByTheBudgetAndRowsSplitFromThePath()
    {
        var config = Parse("");

        Assert.Null(config.Training.Streaming);
        Assert.Equal(100_000, config.Training.ShuffleBuffer);
        Assert.Null(config.Data.MemoryBudget);
        Assert.Null(config.Data.ValidationPath);
        Assert.Null(config.Data.TestPath);
        Assert.Null(config.Data.SplitKey);
    }

    [Fact]
    public void TheKeysAreReadWithSizesInBytesAndPathsBesideTheExperiment()
    {
        var config = Parse("""
            data:
              { path: train/*.parquet, validationPath: valid.parquet, testPath: /data/test, splitKey: user,
                memoryBudget: 1.5GB }
            training: { streaming: true, shuffleBuffer: 5000 }
            """);

        Assert.True(config.Training.Streaming);
        Assert.Equal(5000, config.Training.ShuffleBuffer);
        Assert.Equal((long)(1.5 * 1024 * 1024 * 1024), config.Data.MemoryBudget);
        Assert.Equal(Path.GetFullPath("/base/valid.parquet"), config.Data.ValidationPath);
        Assert.Equal("/data/test", config.Data.TestPath);
        Assert.Equal("user", config.Data.SplitKey);
        Assert.Equal(4096, Parse("data: { memoryBudget: 4096 }").Data.MemoryBudget);
        Assert.Equal(512L << 20, Parse("data: { memoryBudget: 512 mb }").Data.MemoryBudget);
    }

    [Theory]
    [InlineData("data: { memoryBudget: lots }",
        "'data.memoryBudget' must be a positive size such as 512MB or 4GB, got 'lots'")]
    [InlineData("data: { memoryBudget: -1GB }", "'data.memoryBudget' must be a positive size")]
    [InlineData("training: { shuffleBuffer: 0 }", "'training.shuffleBuffer' must be positive, got 0")]
    [InlineData("training: { streaming: sometimes }", "training.streaming")]
    [InlineData("data: { header: false, columns: [user, clicked], splitKey: session }",
        "'data.splitKey' names 'session', which is not in 'data.columns'")]
    public void BadValuesAreRefusedNamingTheKey(string yaml, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse(yaml));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("training")]
    public void TheSchemaListsTheKeysTheLoaderReads(string section)
    {
        var schema = JsonNode.Parse(File.ReadAllText(TestPaths.ConfigurationSchema))!;
        var keys = schema["properties"]![section]!["properties"]!.AsObject().Select(p => p.Key);
        var read = section == "data" ? DataSectionParser.Keys : TrainingSectionParser.Keys;

        Assert.Equal(read.Order(), keys.Order());
    }
}
