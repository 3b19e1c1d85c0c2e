using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Layers.Blocks;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

/// <summary>
/// Each block is a module that names its own children with the reference's state-dict names, so a block alone holds
/// the reference's keys (without the level index, for a PLE level), each with the shape its <c>Shapes</c> states.
/// </summary>
public class BlockKeysTests
{
    private static readonly DnnOptions Options = new();

    private static void AssertKeysAndShapes(nn.Module block, StateShapes expected, params string[] someKeys)
    {
        var state = block.state_dict();
        Assert.Equal(expected.ByKey.Keys.Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, shape) in expected.ByKey) Assert.Equal(shape, state[key].shape);
        foreach (string key in someKeys) Assert.Contains(key, state.Keys);
    }

    [Fact]
    public void TowersHoldTowerDnnFinalLayerAndOutPerTask()
    {
        var tasks = TaskSpec.FromLists(["binary", "regression"], ["click", "stay"]);
        using var towers = new TaskTowers(8, tasks, [4], Options);

        AssertKeysAndShapes(towers, TaskTowers.Shapes(8, 2, [4], Options),
            "tower_dnn.1.linears.0.weight", "tower_dnn_final_layer.0.weight", "out.1.bias");
    }

    [Fact]
    public void AMixtureHoldsExpertDnnGateDnnAndGateFinalLayers()
    {
        using var mixture = new MixtureOfExperts(8, experts: 3, tasks: 2, [6, 4], [5], Options);

        AssertKeysAndShapes(mixture, MixtureOfExperts.Shapes(8, 3, 2, [6, 4], [5], Options),
            "expert_dnn.2.linears.1.weight", "gate_dnn.1.linears.0.bias", "gate_dnn_final_layer.1.weight");
    }

    [Fact]
    public void ALevelHoldsThePleKeysWithoutTheLevelIndex()
    {
        using var level = new CgcLevel(8, tasks: 2, specificExperts: 2, sharedExperts: 1, [4], [3], Options);

        AssertKeysAndShapes(level, CgcLevel.Shapes(8, 2, 2, 1, [4], [3], Options),
            "specific_experts.1.1.linears.0.weight", "shared_experts.0.0.linears.0.weight",
            "specific_gate_dnn.1.0.linears.0.weight", "shared_gate_dnn.linears.0.weight",
            "specific_gate_dnn_final_layer.1.weight", "shared_gate_dnn_final_layer.weight");
    }

    [Fact]
    public void GatesWithoutHiddenUnitsHaveOnlyFinalLayers()
    {
        using var level = new CgcLevel(8, tasks: 2, specificExperts: 1, sharedExperts: 1, [4], [], Options);

        AssertKeysAndShapes(level, CgcLevel.Shapes(8, 2, 1, 1, [4], [], Options));
        Assert.DoesNotContain(level.state_dict().Keys, k => k.Contains("gate_dnn.", StringComparison.Ordinal));
    }
}
