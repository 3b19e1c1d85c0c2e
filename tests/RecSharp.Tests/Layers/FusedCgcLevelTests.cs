using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

/// <summary>
/// The fused CGC levels compute what the per-module path computes: the same outputs and the same gradients for
/// every parameter, over the structural variants of PLE; and where fusing would not be exact, the model runs the
/// per-module path.
/// </summary>
public class FusedCgcLevelTests
{
    private const double Absolute = 1e-6;
    private const double Relative = 1e-5;

    // Weights large enough that every expert and gate matters.
    private static PleOptions Base => new()
    {
        ExpertDnnHiddenUnits = [8, 4],
        GateDnnHiddenUnits = [3],
        TowerDnnHiddenUnits = [2],
        InitStd = 0.5,
        L2RegEmbedding = 0.01,
    };

    public static TheoryData<string, int> Configurations() => new()
    {
        { "defaults", 16 },
        { "defaults", 1 },
        { "levels 1", 16 },
        { "levels 3", 16 },
        { "levels 3", 1 },
        { "shared 0", 16 },
        { "shared 0, levels 3", 5 },
        { "shared 3, specific 2", 16 },
        { "shared 2, specific 3, levels 3", 1 },
        { "gates empty", 16 },
        { "gates empty, levels 3, shared 2", 1 },
        { "gates two layers", 16 },
        { "experts one layer, towers empty", 16 },
        { "three tasks, one regression", 9 },
        { "sigmoid", 16 },
        { "linear", 16 },
    };

    private static PleOptions Options(string name) => name switch
    {
        "defaults" => Base,
        "levels 1" => Base with { NumLevels = 1 },
        "levels 3" => Base with { NumLevels = 3 },
        "shared 0" => Base with { SharedExpertNum = 0 },
        "shared 0, levels 3" => Base with { SharedExpertNum = 0, NumLevels = 3 },
        "shared 3, specific 2" => Base with { SharedExpertNum = 3, SpecificExpertNum = 2 },
        "shared 2, specific 3, levels 3" => Base with { SharedExpertNum = 2, SpecificExpertNum = 3, NumLevels = 3 },
        "gates empty" => Base with { GateDnnHiddenUnits = [] },
        "gates empty, levels 3, shared 2" => Base with { GateDnnHiddenUnits = [], NumLevels = 3, SharedExpertNum = 2 },
        "gates two layers" => Base with { GateDnnHiddenUnits = [5, 3] },
        "experts one layer, towers empty" => Base with { ExpertDnnHiddenUnits = [6], TowerDnnHiddenUnits = [] },
        "three tasks, one regression" => Base with
        {
            TaskTypes = ["binary", "regression", "binary"], TaskNames = ["a", "b", "c"], SharedExpertNum = 2,
        },
        "sigmoid" => Base with { DnnActivation = "sigmoid" },
        "linear" => Base with { DnnActivation = "linear" },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void FusedLevelsGiveThePerModuleOutputsAndGradients(string configuration, int rows)
    {
        using var model = new Ple(SyntheticInputs.Columns(), Options(configuration));
        using var x = InputConverter.ToTensors(model.Layout, SyntheticInputs.Inputs(rows));
        model.train();
        Assert.True(model.FuseLevels);

        var (fusedOutput, fusedGradients) = OutputAndGradients(model, x, fused: true);
        var (moduleOutput, moduleGradients) = OutputAndGradients(model, x, fused: false);

        Assert.Equal(new long[] { rows, model.Tasks.Count }, fusedOutput.shape);
        AssertClose("output", moduleOutput, fusedOutput);
        Assert.Equal(moduleGradients.Keys.Order(StringComparer.Ordinal),
            fusedGradients.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, gradient) in moduleGradients) AssertClose(name, gradient, fusedGradients[name]);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void FusedLevelsPredictThePerModuleOutputs(string configuration, int rows)
    {
        using var model = new Ple(SyntheticInputs.Columns(), Options(configuration) with { DnnDropout = 0.3 });
        var inputs = SyntheticInputs.Inputs(rows);

        var fused = model.Predict(inputs, batchSize: 4);
        model.FuseLevels = false;
        var perModule = model.Predict(inputs, batchSize: 4);

        for (int i = 0; i < fused.GetLength(0); i++)
        {
            for (int t = 0; t < fused.GetLength(1); t++)
            {
                Assert.True(Math.Abs(fused[i, t] - perModule[i, t]) <= Absolute + Relative * Math.Abs(perModule[i, t]),
                    $"[{i},{t}]: per-module {perModule[i, t]}, fused {fused[i, t]}");
            }
        }
    }

    [Theory]
    [InlineData("prelu", false, 0.0)]
    [InlineData("dice", false, 0.0)]
    [InlineData("relu", true, 0.0)]
    [InlineData("relu", false, 0.4)]
    public void WhereFusingIsNotExactTrainingRunsThePerModulePath(string activation, bool batchNorm, double dropout)
    {
        var options = Base with { DnnActivation = activation, DnnUseBn = batchNorm, DnnDropout = dropout };
        using var model = new Ple(SyntheticInputs.Columns(), options);
        using var x = InputConverter.ToTensors(model.Layout, SyntheticInputs.Inputs(8));
        model.train();

        random.manual_seed(5);
        var (withFusing, _) = OutputAndGradients(model, x, fused: true);
        random.manual_seed(5);
        var (without, _) = OutputAndGradients(model, x, fused: false);

        Assert.True(withFusing.eq(without).all().item<bool>(), "the outputs differ, so the fused path ran");
    }

    [Fact]
    public void RepeatedFusedTrainingPassesDoNotLeakTensors()
    {
        using var model = new Ple(SyntheticInputs.Columns(), Base with { NumLevels = 3 });
        using var x = InputConverter.ToTensors(model.Layout, SyntheticInputs.Inputs(16));

        TrainingPassLeaks.AssertNoGrowth(model, x);
    }

    /// <summary>
    /// The output and every parameter's gradient of a weighted sum of the outputs plus the regularisation, through the
    /// fused or the per-module path; gradients are cleared afterwards.
    /// </summary>
    private static (Tensor Output, Dictionary<string, Tensor> Gradients) OutputAndGradients(Ple model, TensorInputs x,
        bool fused)
    {
        model.FuseLevels = fused;
        try
        {
            model.zero_grad();
            var output = model.forward(x);                                                 // (rows, tasks)
            var weights = arange(1, output.shape[1] + 1, dtype: ScalarType.Float32);       // tasks weighted differently
            var loss = (output * weights).sum() + model.Regularization.Loss(model.ParametersByName(), CPU);
            loss.backward();
            var gradients = model.named_parameters()
                .Where(p => p.parameter.grad is not null)
                .ToDictionary(p => p.name, p => p.parameter.grad!.clone(), StringComparer.Ordinal);
            model.zero_grad();
            return (output.detach(), gradients);
        }
        finally
        {
            model.FuseLevels = true;
        }
    }

    private static void AssertClose(string name, Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var a = actual.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= Absolute + Relative * Math.Abs(e[i]),
                $"{name}[{i}]: per-module {e[i]}, fused {a[i]}");
        }
    }
}
