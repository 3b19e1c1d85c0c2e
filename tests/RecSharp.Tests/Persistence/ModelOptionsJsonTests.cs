using System.Text.Json;
using RecSharp.Models;
using RecSharp.Persistence;

namespace RecSharp.Tests.Persistence;

/// <summary>The hyper-parameters a model file holds read back into the same record, in the format files have.</summary>
public class ModelOptionsJsonTests
{
    // A default PLE's options as model files of description version 1 hold them (camelCase, the activation by name).
    private const string SavedPleVersion1 = """
        {"sharedExpertNum":1,"specificExpertNum":1,"numLevels":2,"expertDnnHiddenUnits":[256,128],
         "gateDnnHiddenUnits":[64],"towerDnnHiddenUnits":[64],"l2RegLinear":1E-05,"l2RegEmbedding":1E-05,
         "l2RegDnn":0,"initStd":0.0001,"seed":1024,"dnnDropout":0,"dnnActivation":"relu","dnnUseBn":false,
         "taskTypes":["binary","binary"],"taskNames":["ctr","ctcvr"],"device":"cpu","gpus":null}
        """;

    // The same options as this library writes them: snake_case, the reference's names.
    private const string SavedPle = """
        {"shared_expert_num":1,"specific_expert_num":1,"num_levels":2,"expert_dnn_hidden_units":[256,128],
         "gate_dnn_hidden_units":[64],"tower_dnn_hidden_units":[64],"l2_reg_linear":1E-05,"l2_reg_embedding":1E-05,
         "l2_reg_dnn":0,"init_std":0.0001,"seed":1024,"dnn_dropout":0,"dnn_activation":"relu","dnn_use_bn":false,
         "task_types":["binary","binary"],"task_names":["ctr","ctcvr"],"device":"cpu","gpus":null}
        """;

    [Fact]
    public void AFileWrittenBeforeTheRecordsMovedReadsBackAsTheSameRecord()
    {
        var saved = JsonDocument.Parse(SavedPleVersion1).RootElement;

        var options = Assert.IsType<PleOptions>(ModelOptionsJson.Read("ple", saved, camelCase: true));

        Assert.Equal(2, options.NumLevels);
        Assert.Equal([256, 128], options.ExpertDnnHiddenUnits);
        Assert.True(JsonElement.DeepEquals(ModelOptionsJson.Write(new PleOptions()), ModelOptionsJson.Write(options)));
    }

    [Fact]
    public void TheOptionsAreWrittenInSnakeCaseAndReadBack()
    {
        var saved = JsonDocument.Parse(SavedPle).RootElement;

        Assert.True(JsonElement.DeepEquals(saved, ModelOptionsJson.Write(new PleOptions())));
        var options = Assert.IsType<PleOptions>(ModelOptionsJson.Read("ple", saved));
        Assert.True(JsonElement.DeepEquals(saved, ModelOptionsJson.Write(options)));
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
        var json = JsonDocument.Parse("""{"dnn_activation":"gelu"}""").RootElement;

        var error = Assert.Throws<ArgumentException>(() => ModelOptionsJson.Read("mmoe", json));

        Assert.Contains("relu, sigmoid, linear, prelu, dice", error.Message);
    }
}
