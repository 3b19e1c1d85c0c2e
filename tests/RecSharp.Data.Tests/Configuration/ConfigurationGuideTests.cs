using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecSharp.Catalog;
using RecSharp.Data.Configuration;
using RecSharp.Data.Tests.Support;
using RecSharp.Tests.Shared;

namespace RecSharp.Data.Tests.Configuration;

public partial class ConfigurationGuideTests
{
    [Fact]
    public void FullExampleOfTheGuideParses()
    {
        var guide = File.ReadAllText(TestPaths.ConfigurationGuide);
        var blocks = Regex.Matches(guide, "```yaml\n(.*?)```", RegexOptions.Singleline);

        var config = ExperimentConfigLoader.Parse(blocks[^1].Groups[1].Value, "configuration.md");

        Assert.Equal(3, config.Tasks.Count);
        Assert.Equal(4, config.Features.Count);
        Assert.Equal("mmoe", config.Model.Type.Name);
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

    [Fact]
    public void TheSchemasModelSectionIsTheOneTheOptionsRecordsDescribe()
    {
        var schema = JsonNode.Parse(File.ReadAllText(TestPaths.ConfigurationSchema))!;
        var expected = ModelSectionReference.Schema();
        if (Updating)
        {
            // Only the model section is rewritten, at its depth in the file (two levels, four spaces).
            var section = expected.ToJsonString(Indented).ReplaceLineEndings("\n").Replace("\n", "\n    ");
            var text = File.ReadAllText(RepositoryFiles.Path(SchemaPath));
            File.WriteAllText(RepositoryFiles.Path(SchemaPath),
                SchemaModelSection().Replace(text, $"    \"model\": {section}$1", 1));
        }

        Assert.True(JsonNode.DeepEquals(expected, schema["properties"]!["model"]),
            $"{SchemaPath}'s model section differs from the options records: {UpdateHint}");
    }

    [Fact]
    public void TheGuidesParameterTableIsTheOneTheOptionsRecordsDescribe()
    {
        var guide = File.ReadAllText(TestPaths.ConfigurationGuide);
        var table = ParameterTable().Match(guide);
        Assert.True(table.Success, "the guide has no table of model hyper-parameters");
        string expected = ModelSectionReference.GuideTable();
        if (Updating)
        {
            var text = File.ReadAllText(RepositoryFiles.Path(GuidePath));
            File.WriteAllText(RepositoryFiles.Path(GuidePath), ParameterTable().Replace(text, expected + "\n", 1));
        }

        Assert.True(expected + "\n" == table.Value, $"{GuidePath}'s parameter table differs from the options records: "
            + $"{UpdateHint}\n{expected}");
        var typeRow = ModelTypeRow().Match(guide).Groups[1].Value;
        var listed = Regex.Matches(typeRow, "`([a-z]+)`").Select(m => m.Groups[1].Value);
        Assert.Equal(ModelNames.Models.Select(m => m.Name), listed);
    }

    public static TheoryData<string> ModelTypes => [.. ModelNames.Models.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void TheLoaderAppliesTheMinimumsOfTheOptionsRecords(string name)
    {
        foreach (var parameter in ModelParameterCatalog.For(name).Where(p => p.Kind == ModelParameterKind.Integer))
        {
            if (parameter.Minimum is { } minimum)
            {
                int least = (int)minimum;
                var yaml = $"tasks: [{{ name: a, type: binary, label: y }}, {{ name: b, type: binary, label: z }}]\n"
                    + $"features: [{{ name: u, kind: sparse }}]\nmodel:\n  type: {name}\n  {parameter.Name}: ";
                Assert.Equal(least, ExperimentConfigLoader.Parse(yaml + least).Model.Parameters[parameter.Name]);
                var error = Assert.Throws<ConfigurationException>(
                    () => ExperimentConfigLoader.Parse(yaml + (least - 1)));
                Assert.Contains($"'model.{parameter.Name}' must be at least {least}, got {least - 1}", error.Message);
            }
        }
    }

    private const string SchemaPath = "docs/configuration.schema.json";
    private const string GuidePath = "docs/configuration.md";
    private const string UpdateHint = "set RECSHARP_UPDATE_DOCS=1 and rerun to rewrite it from them";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static bool Updating => Environment.GetEnvironmentVariable("RECSHARP_UPDATE_DOCS") == "1";

    [GeneratedRegex(@"^\| parameter \| type \| models \|.*\n(?:\|.*\n)*", RegexOptions.Multiline)]
    private static partial Regex ParameterTable();

    [GeneratedRegex(@"^    ""model"": \{\n.*?^    \}(,?)$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SchemaModelSection();

    [GeneratedRegex(
        @"^## `model`$.*?^\| `type` \| required \|([^\n]*)$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ModelTypeRow();
}
