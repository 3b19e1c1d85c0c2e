using RecSharp.Data.Configuration;
using RecSharp.Models;

namespace RecSharp.Data.Tests.Configuration;

/// <summary>The <c>model</c> section binds into the model's options record, whose defaults fill what is not
/// given.</summary>
public class ModelSectionTests
{
    private const string Tasks = "tasks: [{ name: a, type: binary, label: y }, { name: b, type: binary, label: z }]\n"
        + "features: [{ name: u, kind: sparse }]\n";

    [Fact]
    public void TheGivenKeysBindIntoTheRecordAndTheRestKeepsItsDefaults()
    {
        var config = ExperimentConfigLoader.Parse(Tasks
            + "model:\n  type: mmoe\n  numExperts: 4\n  towerDnnHiddenUnits: []\n  dnnActivation: PReLU\n  initStd: " +
                "0\n");

        var options = Assert.IsType<MmoeOptions>(config.Model.Options);
        var defaults = new MmoeOptions();
        Assert.Equal(4, options.NumExperts);
        Assert.Empty(options.TowerDnnHiddenUnits);
        Assert.Equal("prelu", options.DnnActivation);
        Assert.Equal(0.0, options.InitStd);
        Assert.Equal(defaults.ExpertDnnHiddenUnits, options.ExpertDnnHiddenUnits);
        Assert.Equal(defaults.Seed, options.Seed);
        Assert.Equal(defaults.L2RegEmbedding, options.L2RegEmbedding);
    }

    [Fact]
    public void ACgcIsAPleRecordOfOneLevel()
    {
        var config = ExperimentConfigLoader.Parse(Tasks + "model:\n  type: cgc\n  sharedExpertNum: 0\n");

        var options = Assert.IsType<PleOptions>(config.Model.Options);
        Assert.Equal(1, options.NumLevels);
        Assert.Equal(0, options.SharedExpertNum);
    }

    [Fact]
    public void AnEsmmWithoutTowerLayersFailsBeforeAnyDataIsRead()
    {
        var error = Assert.Throws<ConfigurationException>(() => ExperimentConfigLoader.Parse(
            Tasks + "model:\n  type: esmm\n  towerDnnHiddenUnits: []\n"));

        Assert.Contains("'model.towerDnnHiddenUnits' must list at least one layer width", error.Message);
    }

    [Theory]
    [InlineData("dnnActivation: gelu",
        "'model.dnnActivation' must be one of relu, sigmoid, linear, prelu, dice, got 'gelu'")]
    [InlineData("device: gpu", "'model.device' must be cpu, cuda, cuda:N or auto, got 'gpu'")]
    [InlineData("dnnDropout: 1", "'model.dnnDropout' must be in [0, 1), got 1")]
    [InlineData("l2RegDnn: -1", "'model.l2RegDnn' must be non-negative, got -1")]
    public void AValueOutsideTheRulesOfTheRecordNamesTheKeyAndTheValue(string line, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => ExperimentConfigLoader.Parse(
            Tasks + "model:\n  type: ple\n  " + line + "\n"));

        Assert.Contains(message, error.Message);
    }
}
