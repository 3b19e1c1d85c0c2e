using RecSharp.Catalog;
using RecSharp.Layers.Activations;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Tests.Support;
using TorchSharp;

namespace RecSharp.Tests.Models;

/// <summary>
/// The registry builds a model for every type the catalog names, from the options record the catalog binds; the
/// type name a model is saved under leads back to its record; a custom activation travels in the record.
/// </summary>
public class ModelRegistryTests
{
    public static TheoryData<string> ModelTypes => [.. ModelNames.Models.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void EveryTypeTheCatalogNamesIsBuiltFromItsOptionsRecord(string type)
    {
        var definition = ModelNames.Model(type);
        var given = Small(type);

        using var model = ModelRegistry.Create(type, SyntheticInputs.Columns(), given);

        Assert.IsType(definition.OptionsType, model.Options);
        var towerProperty = model.Options.GetType().GetProperty("TowerDnnHiddenUnits")!;
        var towers = (IReadOnlyList<int>)towerProperty.GetValue(model.Options)!;
        Assert.Equal([8], towers);
        Assert.Equal(0.5, model.Options.InitStd);
        string saved = ModelOptionsJson.TypeName(model);
        Assert.Equal(definition.FixedParameters.Count == 0 ? type : "ple", saved);
        Assert.Equal(definition.OptionsType, ModelNames.Model(saved).OptionsType);
    }

    [Fact]
    public void ACgcIsAPleOfOneLevel()
    {
        using var model = ModelRegistry.Create("cgc", SyntheticInputs.Columns(), Small("cgc"));

        var ple = Assert.IsType<Ple>(model);
        Assert.Equal(1, ple.PleOptions.NumLevels);
        Assert.Contains(model.state_dict().Keys, k => k.StartsWith("specific_experts.0.", StringComparison.Ordinal));
        Assert.DoesNotContain(
            model.state_dict().Keys, k => k.StartsWith("specific_experts.1.", StringComparison.Ordinal));
    }

    [Fact]
    public void ACustomActivationIsBuiltFromTheRecordAndRefusedWhenSaving()
    {
        var widths = new List<long>();
        var custom = DnnActivation.Custom("tanh", units => { widths.Add(units); return torch.nn.Tanh(); });
        var options = new SharedBottomOptions { BottomDnnHiddenUnits = [6, 5], TowerDnnHiddenUnits = [] }
            .WithActivation(custom);

        using var model = ModelRegistry.Create(SyntheticInputs.Columns(), options);

        Assert.Equal("custom:tanh", model.Options.DnnActivation);
        Assert.Equal([6, 5], widths);
        var error = Assert.Throws<NotSupportedException>(() => ModelOptionsJson.Write(model.Options));
        Assert.Contains("custom:tanh", error.Message);
        var named = options.WithActivation("prelu");
        Assert.Equal("prelu", named.DnnActivation);
        Assert.Equal("prelu", ModelOptionsJson.Write(named).GetProperty("dnn_activation").GetString());
    }

    [Fact]
    public void AnOptionsRecordTheRegistryDoesNotKnowIsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(
            () => ModelRegistry.Create(SyntheticInputs.Columns(), new UnregisteredOptions()));

        Assert.Contains(nameof(UnregisteredOptions), error.Message);
    }

    private static Dictionary<string, object> Small(string type)
    {
        var keys = ModelParameterCatalog.For(type).Select(p => p.Name).ToHashSet();
        var all = new Dictionary<string, object>
        {
            ["expertDnnHiddenUnits"] = new[] { 6 },
            ["bottomDnnHiddenUnits"] = new[] { 6 },
            ["gateDnnHiddenUnits"] = new[] { 4 },
            ["towerDnnHiddenUnits"] = new[] { 8 },
            ["initStd"] = 0.5,
        };
        return all.Where(kv => keys.Contains(kv.Key)).ToDictionary();
    }

    private sealed record UnregisteredOptions : MultiTaskOptions;
}
