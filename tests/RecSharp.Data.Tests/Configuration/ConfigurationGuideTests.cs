using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecSharp.Data.Configuration;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Configuration;

public class ConfigurationGuideTests
{
    [Fact]
    public void FullExampleOfTheGuideParses()
    {
        var guide = File.ReadAllText(TestPaths.ConfigurationGuide);
        var blocks = Regex.Matches(guide, "```yaml\n(.*?)```", RegexOptions.Singleline);

        var config = ExperimentConfigLoader.Parse(blocks[^1].Groups[1].Value, "configuration.md");

        Assert.Equal(3, config.Tasks.Count);
        Assert.Equal(4, config.Features.Count);
        Assert.Equal(ModelType.Mmoe, config.Model.Type);
        Assert.Equal(2, config.Training.EarlyStopping!.Patience);
    }

    [Fact]
    public void SchemaListsTheMetricsAndTrainingKeysTheLoaderAccepts()
    {
        var schema = JsonNode.Parse(File.ReadAllText(TestPaths.ConfigurationSchema))!;
        var metrics = schema["$defs"]!["metric"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        var trainingKeys = schema["properties"]!["training"]!["properties"]!.AsObject().Select(p => p.Key);

        Assert.Equal(RecSharp.Catalog.TrainingNames.Metrics.Order(), metrics.Order());
        Assert.Equal(RecSharp.Data.Configuration.Sections.TrainingSectionParser.Keys.Order(), trainingKeys.Order());
    }

    [Theory]
    [InlineData(ModelType.Ple)]
    [InlineData(ModelType.Cgc)]
    [InlineData(ModelType.Mmoe)]
    [InlineData(ModelType.SharedBottom)]
    [InlineData(ModelType.Esmm)]
    public void SchemaAndGuideStateTheParametersAndMinimumsTheLoaderApplies(ModelType type)
    {
        var name = type.ToString().ToLowerInvariant();
        var schema = SchemaParameters(name);
        var guide = File.ReadAllText(TestPaths.ConfigurationGuide);
        var catalog = ModelParameterCatalog.For(type);

        Assert.Equal(catalog.Keys.Append("type").Order(), schema.Select(p => p.Key).Order());
        foreach (var parameter in catalog.Where(p => p.Value == ModelParameterKind.Integer).Select(p => p.Key))
        {
            var minimum = ModelParameterCatalog.MinimumOf(parameter);
            Assert.Equal(minimum, (int?)schema[parameter]!["minimum"]);
            var row = Regex.Match(
                guide, $@"^\| `{parameter}` \| integer \| [^|]*\| (?:≥ (\d+))? *\|", RegexOptions.Multiline);
            Assert.True(row.Success, $"the guide has no row for '{parameter}'");
            Assert.Equal(minimum?.ToString(), row.Groups[1].Success ? row.Groups[1].Value : null);
            if (minimum is { } least)
            {
                var yaml = $"tasks: [{{ name: a, type: binary, label: y }}, {{ name: b, type: binary, label: z }}]\n"
                    + $"features: [{{ name: u, kind: sparse }}]\nmodel:\n  type: {name}\n  {parameter}: ";
                Assert.Equal(least, ExperimentConfigLoader.Parse(yaml + least).Model.Parameters[parameter]);
                Assert.Throws<ConfigurationException>(() => ExperimentConfigLoader.Parse(yaml + (least - 1)));
            }
        }
    }

    private static JsonObject SchemaParameters(string modelType)
    {
        var schema = JsonNode.Parse(File.ReadAllText(TestPaths.ConfigurationSchema))!;
        var branch = schema["properties"]!["model"]!["allOf"]!.AsArray()
            .Single(b => (string?)b!["if"]!["properties"]!["type"]!["const"] == modelType);
        return branch!["then"]!["properties"]!.AsObject();
    }
}
