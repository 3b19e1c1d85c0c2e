using System.Text.Json;
using RecSharp.Models;
using RecSharp.Persistence;

namespace RecSharp.Tests.Persistence;

/// <summary>The hyper-parameters a model file holds read back into the same record, in the format files have.</summary>
public class ModelOptionsJsonTests
{
    // The description of a default PLE as model files hold it (camelCase, the activation by name).
    private const string SavedPle = """
        {"sharedExpertNum":1,"specificExpertNum":1,"numLevels":2,"expertDnnHiddenUnits":[256,128],
         "gateDnnHiddenUnits":[64],"towerDnnHiddenUnits":[64],"l2RegLinear":1E-05,"l2RegEmbedding":1E-05,
         "l2RegDnn":0,"initStd":0.0001,"seed":1024,"dnnDropout":0,"dnnActivation":"relu","dnnUseBn":false,
         "taskTypes":["binary","binary"],"taskNames":["ctr","ctcvr"],"device":"cpu","gpus":null}
        """;

    [Fact]
    public void AFileWrittenBeforeTheRecordsMovedReadsBackAndWritesTheSame()
    {
        var saved = JsonDocument.Parse(SavedPle).RootElement;

        var options = Assert.IsType<PleOptions>(ModelOptionsJson.Read("ple", saved));

        Assert.Equal(2, options.NumLevels);
        Assert.Equal([256, 128], options.ExpertDnnHiddenUnits);
        Assert.True(JsonElement.DeepEquals(saved, ModelOptionsJson.Write(options)));
        Assert.True(JsonElement.DeepEquals(saved, ModelOptionsJson.Write(new PleOptions())));
    }

    [Theory]
    [InlineData("cgc")]
    [InlineData("transformer")]
    public void ATypeNameNoModelIsSavedUnderIsRefusedNamingIt(string type)
    {
        var empty = JsonDocument.Parse("{}").RootElement;

        var error = Assert.Throws<FormatException>(() => ModelOptionsJson.Read(type, empty));

        Assert.Contains(type, error.Message);
    }

    [Fact]
    public void AnUnknownActivationInAFileIsAnErrorListingTheKnownOnes()
    {
        var json = JsonDocument.Parse("""{"dnnActivation":"gelu"}""").RootElement;

        var error = Assert.Throws<ArgumentException>(() => ModelOptionsJson.Read("mmoe", json));

        Assert.Contains("relu, sigmoid, linear, prelu, dice", error.Message);
    }
}
