using System.Text.Json;
using System.Text.Json.Nodes;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Persistence;

/// <summary>
/// A model file whose description claims more than its tensors hold is refused before the model is built, naming the
/// tensor, the shape the description calls for and the shape in the file, without allocating what it claims. A setting
/// the model refuses is named in one line; a description of version 1 (camelCase options) still loads.
/// </summary>
public sealed class DoctoredDescriptionTests : IDisposable
{
    private const long MemoryBound = 300L << 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-doctored-").FullName;

    [Theory]
    [InlineData(100_000_000)]
    [InlineData(2_000_000_000)]
    public void AClaimedVocabularyBeyondTheFileIsRefusedWithoutAllocatingIt(int vocabulary)
    {
        string path = Doctored(description => description["feature_columns"]![0]!["vocabulary_size"] = vocabulary);

        var (error, managed, resident) = MemoryGrowth.During(() => ModelPersistence.Load(path).Dispose());

        var refused = Assert.IsType<ModelArtifactException>(error);
        Assert.StartsWith(path, refused.Message);
        Assert.Contains("user", refused.Message);
        Assert.Contains(vocabulary.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message);
        Assert.InRange(managed, 0, MemoryBound);
        if (resident is { } growth) Assert.InRange(growth, long.MinValue, MemoryBound);
    }

    [Fact]
    public void AClaimedVocabularyNamesTheTensorAndBothShapes()
    {
        string path = Doctored(description => description["feature_columns"]![0]!["vocabulary_size"] = 100_000_000);

        var error = Assert.Throws<ModelArtifactException>(() => ModelPersistence.Load(path));

        Assert.Equal($"{path}: tensor \"embedding_dict.user.weight\" has shape [11, 3], but the model description " +
                     "(vocabulary sizes, dimensions, hidden units) calls for [100000000, 3]", error.Message);
    }

    [Fact]
    public void ClaimedHiddenUnitsBeyondTheFileAreRefusedWithoutAllocatingThem()
    {
        string path = Doctored(description =>
            description["options"]!["expert_dnn_hidden_units"] = new JsonArray(100_000, 100_000));

        var (error, managed, resident) = MemoryGrowth.During(() => ModelPersistence.Load(path).Dispose());

        var refused = Assert.IsType<ModelArtifactException>(error);
        Assert.Contains("tensor \"specific_experts.0.0.0.linears.0.weight\" has shape [8, 7]", refused.Message);
        Assert.Contains("calls for [100000, 7]", refused.Message);
        Assert.InRange(managed, 0, MemoryBound);
        if (resident is { } growth) Assert.InRange(growth, long.MinValue, MemoryBound);
    }

    [Fact]
    public void ADescriptionCallingForATensorTheFileLacksIsRefused()
    {
        string path = Doctored(description => description["options"]!["num_levels"] = 3);

        var error = Assert.Throws<ModelArtifactException>(() => ModelPersistence.Load(path));

        Assert.Contains("calls for tensor \"specific_experts.2.0.0.linears.0.weight\" of shape [8, 8], " +
                        "which the file does not hold", error.Message);
    }

    [Fact]
    public void ASettingTheModelRefusesIsNamedInOneLineWithoutTheParameterSuffix()
    {
        string path = Doctored(description => description["options"]!["specific_expert_num"] = 0);

        var error = Assert.Throws<ModelArtifactException>(() => ModelPersistence.Load(path));

        Assert.Equal($"{path} holds a malformed model description: specificExpertNum must be at least 1, got 0",
            error.Message);
    }

    [Fact]
    public void ADescriptionOfVersion1WithCamelCaseOptionsStillLoads()
    {
        PleOptions? written = null;
        string path = Doctored(description =>
        {
            var options = JsonSerializer.SerializeToElement(description["options"]);
            written = Assert.IsType<PleOptions>(ModelOptionsJson.Read("ple", options));
            var camelCase = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
            description["description_version"] = 1;                        // as files were written before snake_case
            description["options"] = JsonSerializer.SerializeToNode(written, camelCase);
        });

        using var loaded = ModelPersistence.Load(path);

        var options = Assert.IsType<PleOptions>(loaded.Options);
        Assert.Equal(JsonSerializer.Serialize(written), JsonSerializer.Serialize(options));
    }

    // A saved PLE (user 11×3, item 13×3, price: a network input 7 wide; experts [8]), its description then edited.
    private string Doctored(Action<JsonObject> edit)
    {
        FeatureColumn[] columns =
            [new SparseFeat("user", 11, 3), new SparseFeat("item", 13, 3), new DenseFeat("price")];
        using var model = new Ple(columns, expertDnnHiddenUnits: [8], gateDnnHiddenUnits: [4],
            towerDnnHiddenUnits: [4]);
        string path = Path.Combine(_folder, "model.safetensors");
        model.Save(path);
        var document = SafeTensorsFormat.Read(path);
        var description = JsonNode.Parse(document.Metadata[ModelArtifact.DescriptionKey])!.AsObject();
        edit(description);
        var metadata = new Dictionary<string, string>(document.Metadata)
        {
            [ModelArtifact.DescriptionKey] = description.ToJsonString(),
        };
        SafeTensorsFormat.Write(path, document.Entries, metadata);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
