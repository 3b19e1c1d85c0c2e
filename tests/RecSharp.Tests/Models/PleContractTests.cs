using System.Text.RegularExpressions;
using RecSharp.Features;
using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Tests.Shared;
using RecSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Models;

/// <summary>The PLE contract: validation, the reference's defaults and state-dict naming, and the structural
/// variants.</summary>
public class PleContractTests
{
    // DnnInputDim = user 4 + item 4 + pooled hist 4 (shares the item table) + price 1 = 13.
    private static FeatureColumn[] Columns() =>
    [
        new SparseFeat("user", 10, 4),
        new SparseFeat("item", 20, 4),
        new VarLenSparseFeat(new SparseFeat("hist", 20, 4, embeddingName: "item"), 3),
        new DenseFeat("price"),
    ];

    private static PleOptions Small => new()
    {
        ExpertDnnHiddenUnits = [8, 4],
        GateDnnHiddenUnits = [3],
        TowerDnnHiddenUnits = [2],
        InitStd = 0.3,
    };

    private static Dictionary<string, Array> Inputs(int rows, int seed = 1)
    {
        var rng = new Random(seed);
        var hist = new int[rows, 3];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < 3; k++) hist[r, k] = k <= r % 3 ? rng.Next(1, 20) : 0;
        return new Dictionary<string, Array>
        {
            ["user"] = Enumerable.Range(0, rows).Select(_ => rng.Next(10)).ToArray(),
            ["item"] = Enumerable.Range(0, rows).Select(_ => rng.Next(20)).ToArray(),
            ["hist"] = hist,
            ["price"] = Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 4 - 2).ToArray(),
        };
    }

    private static ArgumentException Rejects(Func<Ple> create)
    {
        Ple? model = null;
        try
        {
            return Assert.Throws<ArgumentException>(() => model = create());
        }
        finally
        {
            model?.Dispose();
        }
    }

    private static Dictionary<string, long[]> Shapes(Ple model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape, StringComparer.Ordinal);

    private static void SetState(Ple model, string key, float value)
    {
        using var noGrad = no_grad();
        model.state_dict()[key].fill_(value);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static void AssertClose(double[,] expected, double[,] actual, double tolerance) =>
        PleReferenceTests.AssertClose(expected, actual, tolerance);

    // ---- validation -------------------------------------------------------------------------------------------------

    [Fact]
    public void FewerThanTwoTasksIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { TaskTypes = ["binary"], TaskNames = ["ctr"] }));
        Assert.Contains("num_tasks must be at least 2", ex.Message);
    }

    [Fact]
    public void TaskTypesAndTaskNamesOfDifferentLengthsAreRejected()
    {
        var ex = Rejects(() =>
            new Ple(Columns(), Small with { TaskTypes = ["binary", "binary", "binary"], TaskNames = ["a", "b"] }));
        Assert.Contains("taskTypes has 3 entries but taskNames has 2", ex.Message);
    }

    [Fact]
    public void UnknownTaskTypeIsRejectedNamingIt()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { TaskTypes = ["binary", "multiclass"] }));
        Assert.Contains("\"multiclass\" is illegal", ex.Message);
    }

    [Fact]
    public void DuplicateTaskNamesAreRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { TaskNames = ["ctr", "ctr"] }));
        Assert.Contains("task name \"ctr\" appears more than once", ex.Message);
    }

    [Fact]
    public void EmptyTaskNameIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { TaskNames = ["ctr", " "] }));
        Assert.Contains("task name 1 is empty", ex.Message);
    }

    [Fact]
    public void NoFeatureColumnsIsRejected()
    {
        var ex = Rejects(() => new Ple([], Small));
        Assert.Contains("dnnFeatureColumns is empty", ex.Message);
    }

    [Fact]
    public void SpecificExpertNumBelowOneIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { SpecificExpertNum = 0 }));
        Assert.Contains("specificExpertNum must be at least 1, got 0", ex.Message);
    }

    [Fact]
    public void NegativeSharedExpertNumIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { SharedExpertNum = -1 }));
        Assert.Contains("sharedExpertNum must be at least 0, got -1", ex.Message);
    }

    [Fact]
    public void NumLevelsBelowOneIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { NumLevels = 0 }));
        Assert.Contains("numLevels must be at least 1, got 0", ex.Message);
    }

    [Fact]
    public void EmptyExpertUnitsAreRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { ExpertDnnHiddenUnits = [] }));
        Assert.Contains("expertDnnHiddenUnits must not be empty", ex.Message);
    }

    [Fact]
    public void NonPositiveGateOrTowerUnitsAreRejected()
    {
        Assert.Contains("gateDnnHiddenUnits",
        Rejects(() => new Ple(Columns(), Small with { GateDnnHiddenUnits = [0] })).Message);
        Assert.Contains("towerDnnHiddenUnits",
            Rejects(() => new Ple(Columns(), Small with { TowerDnnHiddenUnits = [4, -1] })).Message);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void DropoutOutsideZeroToOneIsRejected(double dropout)
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { DnnDropout = dropout }));
        Assert.Contains("dnnDropout must be in [0, 1)", ex.Message);
    }

    [Fact]
    public void UnknownActivationIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), expertDnnHiddenUnits: [4], dnnActivation: "swish"));
        Assert.Contains("\"swish\"", ex.Message);
    }

    [Fact]
    public void NegativeRegularisationIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { L2RegDnn = -1 }));
        Assert.Contains("non-negative", ex.Message);
    }

    [Fact]
    public void GpusWhoseFirstEntryIsNotTheDeviceAreRejected()
    {
        // With CUDA a bare index names cuda:0, which is not the cpu device; without CUDA it cannot be resolved at all.
        var ex = Rejects(() => new Ple(Columns(), Small with { Device = "cpu", Gpus = ["0"] }));
        if (cuda.is_available())
            Assert.Contains("should be the same device as device", ex.Message);
        else
            Assert.Contains("CUDA is not available", ex.Message);
    }

    [Fact]
    public void GpusNamingAnotherCpuIndexThanTheDeviceAreRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { Device = "cpu", Gpus = ["cpu:1"] }));
        Assert.Contains("gpus[0]", ex.Message);
        Assert.Contains("should be the same device as device", ex.Message);
        Assert.Equal("gpus", ex.ParamName);
    }

    [Fact]
    public void EmptyGpusListIsRejected()
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { Gpus = [] }));
        Assert.Contains("gpus must name at least one device", ex.Message);
    }

    [Fact]
    public void GpusStartingWithTheDeviceAreAccepted()
    {
        using var model = new Ple(Columns(), Small with { Device = "cpu", Gpus = ["cpu"] });
        Assert.Equal(DeviceType.CPU, Assert.Single(model.ReplicaDevices!).type);
    }

    [SkippableFact]
    public void CudaDeviceWithoutCudaIsRejectedWithAClearMessage()
    {
        Skip.If(cuda.is_available(), "CUDA is available here, so a cuda device is legitimate");
        var ex = Rejects(() => new Ple(Columns(), Small with { Device = "cuda" }));
        Assert.Contains("device \"cuda\" was requested but CUDA is not available", ex.Message);
        Assert.Equal("device", ex.ParamName);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("")]
    public void UnknownDeviceNamesAreRejected(string device)
    {
        var ex = Rejects(() => new Ple(Columns(), Small with { Device = device }));
        Assert.Contains("cpu", ex.Message);
    }

    // ---- defaults and naming ----------------------------------------------------------------------------------------

    [Fact]
    public void OptionDefaultsAreTheReferenceDefaults()
    {
        var o = new PleOptions();

        Assert.Equal(1, o.SharedExpertNum);
        Assert.Equal(1, o.SpecificExpertNum);
        Assert.Equal(2, o.NumLevels);
        Assert.Equal([256, 128], o.ExpertDnnHiddenUnits);
        Assert.Equal([64], o.GateDnnHiddenUnits);
        Assert.Equal([64], o.TowerDnnHiddenUnits);
        Assert.Equal(1e-5, o.L2RegLinear);
        Assert.Equal(1e-5, o.L2RegEmbedding);
        Assert.Equal(0, o.L2RegDnn);
        Assert.Equal(1e-4, o.InitStd);
        Assert.Equal(1024, o.Seed);
        Assert.Equal(0, o.DnnDropout);
        Assert.Equal("relu", o.DnnActivation);
        Assert.False(o.DnnUseBn);
        Assert.Equal(["binary", "binary"], o.TaskTypes);
        Assert.Equal(["ctr", "ctcvr"], o.TaskNames);
        Assert.Equal("cpu", o.Device);
        Assert.Null(o.Gpus);
    }

    [SkippableFact]
    public void OptionDefaultsEqualTheSignatureInTheReferenceSeed()
    {
        string text = File.ReadAllText(SharedFolder.Require("reference/ple-seed.txt"));
        var signature = Regex.Match(text, @"class deepctr_torch\.models\.multitask\.ple\.PLE\((.*?)\)\[source\]",
            RegexOptions.Singleline);
        Assert.True(signature.Success, "the seed has no PLE signature");
        var defaults = Regex.Matches(signature.Groups[1].Value, @"(\w+)=(\([^)]*\)|'[^']*'|[^,]+)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        int[] Ints(string v) => v.Trim('(', ')').Split(',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        string[] Strings(string v) => v.Trim('(', ')').Split(',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.Trim('\'')).ToArray();
        double Number(string v) => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
        var o = new PleOptions();

        Assert.Equal(Number(defaults["shared_expert_num"]), o.SharedExpertNum);
        Assert.Equal(Number(defaults["specific_expert_num"]), o.SpecificExpertNum);
        Assert.Equal(Number(defaults["num_levels"]), o.NumLevels);
        Assert.Equal(Ints(defaults["expert_dnn_hidden_units"]), o.ExpertDnnHiddenUnits);
        Assert.Equal(Ints(defaults["gate_dnn_hidden_units"]), o.GateDnnHiddenUnits);
        Assert.Equal(Ints(defaults["tower_dnn_hidden_units"]), o.TowerDnnHiddenUnits);
        Assert.Equal(Number(defaults["l2_reg_linear"]), o.L2RegLinear);
        Assert.Equal(Number(defaults["l2_reg_embedding"]), o.L2RegEmbedding);
        Assert.Equal(Number(defaults["l2_reg_dnn"]), o.L2RegDnn);
        Assert.Equal(Number(defaults["init_std"]), o.InitStd);
        Assert.Equal(Number(defaults["seed"]), o.Seed);
        Assert.Equal(Number(defaults["dnn_dropout"]), o.DnnDropout);
        Assert.Equal(defaults["dnn_activation"].Trim('\''), o.DnnActivation);
        Assert.Equal(defaults["dnn_use_bn"] == "True", o.DnnUseBn);
        Assert.Equal(Strings(defaults["task_types"]), o.TaskTypes);
        Assert.Equal(Strings(defaults["task_names"]), o.TaskNames);
        Assert.Equal(defaults["device"].Trim('\''), o.Device);
        Assert.Equal("None", defaults["gpus"]);
        Assert.Null(o.Gpus);
    }

    [Fact]
    public void TheParameterConstructorUsesTheSameDefaultsAsTheOptions()
    {
        using var model = new Ple(Columns());

        var o = model.PleOptions;
        var d = new PleOptions();
        Assert.Equal((d.SharedExpertNum, d.SpecificExpertNum, d.NumLevels),
            (o.SharedExpertNum, o.SpecificExpertNum, o.NumLevels));
        Assert.Equal(d.ExpertDnnHiddenUnits, o.ExpertDnnHiddenUnits);
        Assert.Equal(d.GateDnnHiddenUnits, o.GateDnnHiddenUnits);
        Assert.Equal(d.TowerDnnHiddenUnits, o.TowerDnnHiddenUnits);
        Assert.Equal(
            (d.L2RegLinear, d.L2RegEmbedding, d.L2RegDnn, d.InitStd, d.Seed, d.DnnDropout, d.DnnUseBn, d.Device),
            (o.L2RegLinear, o.L2RegEmbedding, o.L2RegDnn, o.InitStd, o.Seed, o.DnnDropout, o.DnnUseBn, o.Device));
        Assert.Equal("relu", o.DnnActivation);
        Assert.Equal(d.TaskTypes, o.TaskTypes);
        Assert.Equal(d.TaskNames, o.TaskNames);
        Assert.Equal(["ctr", "ctcvr"], model.Tasks.Select(t => t.Name));
    }

    [Fact]
    public void DefaultConfigurationHasExactlyTheReferenceStateDictKeys()
    {
        using var model = new Ple(Columns());

        var expected = new List<string> { "embedding_dict.user.weight", "embedding_dict.item.weight" };
        string[] Dnn(string prefix, int layers) =>
            Enumerable.Range(0, layers)
                .SelectMany(i => new[] { $"{prefix}.linears.{i}.weight", $"{prefix}.linears.{i}.bias" }).ToArray();
        for (int level = 0; level < 2; level++)
        {
            for (int task = 0; task < 2; task++)
            {
                expected.AddRange(Dnn($"specific_experts.{level}.{task}.0", 2));
                expected.AddRange(Dnn($"specific_gate_dnn.{level}.{task}.0", 1));
                expected.Add($"specific_gate_dnn_final_layer.{level}.{task}.weight");
            }
            expected.AddRange(Dnn($"shared_experts.{level}.0.0", 2));
            expected.AddRange(Dnn($"shared_gate_dnn.{level}", 1));
            expected.Add($"shared_gate_dnn_final_layer.{level}.weight");
        }
        for (int task = 0; task < 2; task++)
        {
            expected.AddRange(Dnn($"tower_dnn.{task}", 1));
            expected.Add($"tower_dnn_final_layer.{task}.weight");
            expected.Add($"out.{task}.bias");
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), model.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DefaultConfigurationHasTheReferenceShapes()
    {
        using var model = new Ple(Columns());
        var shapes = Shapes(model);

        Assert.Equal(new long[] { 10, 4 }, shapes["embedding_dict.user.weight"]);
        Assert.Equal(new long[] { 20, 4 }, shapes["embedding_dict.item.weight"]);
        Assert.Equal(new long[] { 256, 13 }, shapes["specific_experts.0.0.0.linears.0.weight"]);
        Assert.Equal(new long[] { 128, 256 }, shapes["specific_experts.0.1.0.linears.1.weight"]);
        Assert.Equal(new long[] { 256, 128 }, shapes["specific_experts.1.0.0.linears.0.weight"]);
        Assert.Equal(new long[] { 128 }, shapes["shared_experts.1.0.0.linears.1.bias"]);
        Assert.Equal(new long[] { 64, 13 }, shapes["specific_gate_dnn.0.1.0.linears.0.weight"]);
        Assert.Equal(new long[] { 64, 128 }, shapes["shared_gate_dnn.1.linears.0.weight"]);
        // 1 own + 1 shared expert
        Assert.Equal(new long[] { 2, 64 }, shapes["specific_gate_dnn_final_layer.0.0.weight"]);
        // 2 tasks · 1 + 1 shared
        Assert.Equal(new long[] { 3, 64 }, shapes["shared_gate_dnn_final_layer.1.weight"]);
        Assert.Equal(new long[] { 64, 128 }, shapes["tower_dnn.0.linears.0.weight"]);
        Assert.Equal(new long[] { 1, 64 }, shapes["tower_dnn_final_layer.1.weight"]);
        Assert.Equal(new long[] { 1 }, shapes["out.0.bias"]);
    }

    // ---- structural variants ----------------------------------------------------------------------------------------

    [Fact]
    public void ThreeSharedExpertsWithOneSpecificExpertBuildThreeSharedExpertsPerLevel()
    {
        using var model = new Ple(Columns(), Small with { SharedExpertNum = 3, SpecificExpertNum = 1 });
        var shapes = Shapes(model);

        for (int level = 0; level < 2; level++)
        {
            for (int k = 0; k < 3; k++) Assert.Contains($"shared_experts.{level}.0.{k}.linears.0.weight", shapes.Keys);
            Assert.DoesNotContain($"shared_experts.{level}.0.3.linears.0.weight", shapes.Keys);
        }
        Assert.Equal(new long[] { 4, 3 }, shapes["specific_gate_dnn_final_layer.0.0.weight"]);   // 1 own + 3 shared
        // 2 tasks · 1 + 3 shared
        Assert.Equal(new long[] { 5, 3 }, shapes["shared_gate_dnn_final_layer.0.weight"]);

        var gates = model.GateWeights(Inputs(6));
        var ctr = gates.First(g => g.Level == 0 && g.Gate == "ctr");
        Assert.Equal(["ctr.0", "shared.0", "shared.1", "shared.2"], ctr.Experts);
        Assert.Equal(4, ctr.MeanWeights.Count);
        Assert.Equal(1, ctr.MeanWeights.Sum(), 5);
        Assert.Equal(5, gates.First(g => g.Level == 0 && g.Gate == "shared").MeanWeights.Count);

        var predicted = model.Predict(Inputs(6));
        Assert.All(predicted.Cast<double>(), p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void ZeroSharedExpertsWork()
    {
        using var model = new Ple(Columns(), Small with { SharedExpertNum = 0 });
        var shapes = Shapes(model);

        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("shared_experts.", StringComparison.Ordinal));
        Assert.Equal(new long[] { 1, 3 }, shapes["specific_gate_dnn_final_layer.0.0.weight"]);
        Assert.Equal(new long[] { 2, 3 }, shapes["shared_gate_dnn_final_layer.0.weight"]);
        var predicted = model.Predict(Inputs(5));
        Assert.Equal(5, predicted.GetLength(0));
        Assert.All(predicted.Cast<double>(), p => Assert.True(p > 0 && p < 1));
    }

    [Fact]
    public void EmptyGateAndTowerUnitsLeaveNoGateOrTowerDnnsAndFinalLayersReadTheirInputDirectly()
    {
        using var model = new Ple(Columns(), Small with { GateDnnHiddenUnits = [], TowerDnnHiddenUnits = [] });
        var shapes = Shapes(model);

        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("specific_gate_dnn.", StringComparison.Ordinal));
        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("shared_gate_dnn.", StringComparison.Ordinal));
        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("tower_dnn.", StringComparison.Ordinal));
        // level 0 reads the network input
        Assert.Equal(new long[] { 2, 13 }, shapes["specific_gate_dnn_final_layer.0.1.weight"]);
        // level 1 reads expert outputs
        Assert.Equal(new long[] { 2, 4 }, shapes["specific_gate_dnn_final_layer.1.0.weight"]);
        Assert.Equal(new long[] { 3, 13 }, shapes["shared_gate_dnn_final_layer.0.weight"]);
        Assert.Equal(new long[] { 1, 4 }, shapes["tower_dnn_final_layer.0.weight"]);
        Assert.Equal(4, model.Predict(Inputs(4)).GetLength(0));
    }

    [Fact]
    public void ASingleLevelWithoutGateOrTowerDnnsComputesTheHandWiredNetwork()
    {
        // One dense input x; experts are 1 unit wide: E = relu(w·x + b). Task t mixes its own expert and the shared
        // one with softmax(G_t · x) and outputs sigmoid(T_t · mix).
        using var model = new Ple([new DenseFeat("x")], new PleOptions
        {
            NumLevels = 1, ExpertDnnHiddenUnits = [1], GateDnnHiddenUnits = [], TowerDnnHiddenUnits = [],
        });
        SetState(model, "specific_experts.0.0.0.linears.0.weight", 2);
        SetState(model, "specific_experts.0.0.0.linears.0.bias", 1);
        SetState(model, "specific_experts.0.1.0.linears.0.weight", -1);
        SetState(model, "specific_experts.0.1.0.linears.0.bias", 0.5f);
        SetState(model, "shared_experts.0.0.0.linears.0.weight", 3);
        SetState(model, "shared_experts.0.0.0.linears.0.bias", 0);
        using (no_grad())
        {
            var state = model.state_dict();
            state["specific_gate_dnn_final_layer.0.0.weight"].copy_(tensor(new float[,] { { 1 }, { -1 } }));
            state["specific_gate_dnn_final_layer.0.1.weight"].copy_(tensor(new float[,] { { 0 }, { 0 } }));
        }
        SetState(model, "tower_dnn_final_layer.0.weight", 0.5f);
        SetState(model, "tower_dnn_final_layer.1.weight", -2);

        var predicted = model.Predict(new Dictionary<string, Array> { ["x"] = new[] { 1.0, -1.0 } });

        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        for (int row = 0; row < 2; row++)
        {
            double x = row == 0 ? 1 : -1;
            double e0 = Math.Max(0, 2 * x + 1), e1 = Math.Max(0, -x + 0.5), shared = Math.Max(0, 3 * x);
            double g0 = Math.Exp(x) / (Math.Exp(x) + Math.Exp(-x));      // softmax(x, -x)[0]
            double mix0 = g0 * e0 + (1 - g0) * shared, mix1 = 0.5 * e1 + 0.5 * shared;
            Assert.Equal(Sigmoid(0.5 * mix0), predicted[row, 0], 5);
            Assert.Equal(Sigmoid(-2 * mix1), predicted[row, 1], 5);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void NumLevelsSetsTheNumberOfLevels(int levels)
    {
        using var model = new Ple(Columns(), Small with { NumLevels = levels });
        var shapes = Shapes(model);

        foreach (var prefix in new[] { "specific_experts", "shared_experts", "specific_gate_dnn", "shared_gate_dnn",
                     "specific_gate_dnn_final_layer", "shared_gate_dnn_final_layer" })
        {
            var found = shapes.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal))
                .Select(k => int.Parse(k.Split('.')[1])).Distinct().Order();
            Assert.Equal(Enumerable.Range(0, levels), found);
        }
        Assert.Equal(new long[] { 8, 13 }, shapes["specific_experts.0.0.0.linears.0.weight"]);
        if (levels > 1)
            Assert.Equal(new long[] { 8, 4 }, shapes[$"specific_experts.{levels - 1}.1.0.linears.0.weight"]);
        var predicted = model.Predict(Inputs(5));
        Assert.All(predicted.Cast<double>(), p => Assert.True(p > 0 && p < 1));
    }

    [Fact]
    public void ThreeTasksGiveThreeOutputsAndWiderSharedGates()
    {
        using var model = new Ple(Columns(),
            Small with { TaskTypes = ["binary", "regression", "binary"], TaskNames = ["a", "b", "c"] });
        var shapes = Shapes(model);

        Assert.Contains("specific_experts.1.2.0.linears.1.weight", shapes.Keys);
        Assert.Contains("out.2.bias", shapes.Keys);
        Assert.Equal(new long[] { 4, 3 }, shapes["shared_gate_dnn_final_layer.0.weight"]);    // 3 tasks · 1 + 1 shared
        var byTask = model.PredictByTask(Inputs(7));
        Assert.Equal(["a", "b", "c"], byTask.Keys.Order());
        Assert.All(byTask.Values, v => Assert.Equal(7, v.Length));
        Assert.Equal(3, model.Predict(Inputs(7)).GetLength(1));
    }

    [Fact]
    public void RegressionOutputsAreUnboundedWhileBinaryOutputsStayInZeroOne()
    {
        using var model = new Ple(Columns(),
            Small with { TaskTypes = ["regression", "binary"], TaskNames = ["dwell", "click"] });
        SetState(model, "out.0.bias", 5);
        SetState(model, "out.1.bias", 5);
        var high = model.Predict(Inputs(6));
        SetState(model, "out.0.bias", -5);
        SetState(model, "out.1.bias", -5);
        var low = model.Predict(Inputs(6));

        for (int row = 0; row < 6; row++)
        {
            Assert.True(high[row, 0] > 3, $"regression output {high[row, 0]} should follow its bias of 5");
            Assert.True(low[row, 0] < -3, $"regression output {low[row, 0]} should follow its bias of -5");
            Assert.InRange(high[row, 1], 0.9, 1 - 1e-9);
            Assert.InRange(low[row, 1], 1e-9, 0.1);
        }
    }

    [Fact]
    public void BatchNormAddsBnKeysAndTrainModePredictionsDifferFromEvalMode()
    {
        using var model = new Ple(Columns(), Small with { DnnUseBn = true });
        var keys = model.state_dict().Keys.ToHashSet();
        Assert.Contains("specific_experts.0.0.0.bn.0.running_mean", keys);
        Assert.Contains("shared_experts.1.0.0.bn.1.weight", keys);
        Assert.Contains("shared_gate_dnn.0.bn.0.running_var", keys);
        Assert.Contains("tower_dnn.1.bn.0.num_batches_tracked", keys);

        using var x = InputConverter.ToTensors(model.Layout, Inputs(8));
        model.train();
        double[] trainMode;
        using (no_grad()) trainMode = model.forward(x).data<float>().Select(v => (double)v).ToArray();
        var evalMode = model.Predict(x).Cast<double>().ToArray();

        Assert.Contains(Enumerable.Range(0, trainMode.Length), i => Math.Abs(trainMode[i] - evalMode[i]) > 1e-4);
        Assert.True(model.training, "Predict must restore train mode");
    }

    [Fact]
    public void DropoutMakesTrainModeRandomWhileEvalPredictionsAreDeterministic()
    {
        using var model = new Ple(Columns(), Small with { DnnDropout = 0.5 });
        using var x = InputConverter.ToTensors(model.Layout, Inputs(8));

        var first = model.Predict(x);
        var second = model.Predict(x);
        Assert.Equal(first.Cast<double>(), second.Cast<double>());

        model.train();
        float[] a, b;
        using (no_grad())
        {
            a = model.forward(x).data<float>().ToArray();
            b = model.forward(x).data<float>().ToArray();
        }
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void PreluActivationAddsSlopesAndPredicts()
    {
        using var model = new Ple(Columns(), Small with { DnnActivation = "prelu" });
        var state = model.state_dict();

        Assert.Equal(0.25f, state["specific_experts.0.0.0.activation_layers.0.weight"].item<float>());
        Assert.Contains("tower_dnn.0.activation_layers.0.weight", state.Keys);
        Assert.All(model.Predict(Inputs(4)).Cast<double>(), p => Assert.True(p > 0 && p < 1));
    }

    [Fact]
    public void TheSameSeedGivesIdenticalInitialWeightsAndAnotherSeedDifferentOnes()
    {
        using var a = new Ple(Columns(), Small with { Seed = 7 });
        using var b = new Ple(Columns(), Small with { Seed = 7 });
        using var c = new Ple(Columns(), Small with { Seed = 8 });

        var sa = a.state_dict();
        var sb = b.state_dict();
        var sc = c.state_dict();
        Assert.All(sa.Keys, k => Assert.True(Same(sa[k], sb[k]), $"{k} differs between two models of seed 7"));
        Assert.False(Same(sa["embedding_dict.user.weight"], sc["embedding_dict.user.weight"]));
        Assert.False(
            Same(sa["specific_experts.0.0.0.linears.0.weight"], sc["specific_experts.0.0.0.linears.0.weight"]));
    }

    // ---- loading state dicts ----------------------------------------------------------------------------------------

    [Fact]
    public void LoadingAStateDictCopiesEveryTensor()
    {
        using var source = new Ple(Columns(), Small with { Seed = 1 });
        using var target = new Ple(Columns(), Small with { Seed = 2 });

        var result = target.LoadStateDict(source.state_dict());

        Assert.Equal(source.state_dict().Count, result.LoadedKeys);
        Assert.Empty(result.IgnoredKeys);
        Assert.Empty(result.Warnings);
        AssertClose(source.Predict(Inputs(5)), target.Predict(Inputs(5)), 1e-7);
    }

    [Fact]
    public void AWrongShapeFailsNamingTheKeyAndBothShapesAndCopiesNothing()
    {
        using var source = new Ple(Columns(), Small with { Seed = 1 });
        using var target = new Ple(Columns(), Small with { Seed = 2 });
        var before = target.state_dict()["embedding_dict.user.weight"].clone();
        var tensors = new Dictionary<string, Tensor>(source.state_dict())
        {
            ["tower_dnn_final_layer.0.weight"] = zeros(1, 3),
        };

        var ex = Assert.Throws<StateDictMismatchException>(() => target.LoadStateDict(tensors));

        Assert.Contains("\"tower_dnn_final_layer.0.weight\"", ex.Message);
        Assert.Contains("[1, 3]", ex.Message);
        Assert.Contains("[1, 2]", ex.Message);
        Assert.True(Same(before, target.state_dict()["embedding_dict.user.weight"]),
            "a failed load must not copy anything");
    }

    [Fact]
    public void AMissingKeyFailsNamingIt()
    {
        using var source = new Ple(Columns(), Small);
        using var target = new Ple(Columns(), Small);
        var tensors = new Dictionary<string, Tensor>(source.state_dict());
        tensors.Remove("out.1.bias");

        var ex = Assert.Throws<StateDictMismatchException>(() => target.LoadStateDict(tensors));

        Assert.Contains("missing key \"out.1.bias\"", ex.Message);
    }

    [Fact]
    public void AnUnexpectedKeyFailsNamingIt()
    {
        using var source = new Ple(Columns(), Small);
        using var target = new Ple(Columns(), Small);
        var tensors = new Dictionary<string, Tensor>(source.state_dict()) { ["linear_model.weight"] = zeros(1) };

        var ex = Assert.Throws<StateDictMismatchException>(() => target.LoadStateDict(tensors));

        Assert.Contains("\"linear_model.weight\"", ex.Message);
    }

    [Fact]
    public void SurplusSharedExpertsAreIgnoredWithAWarning()
    {
        // The reference builds specific_expert_num shared experts: a file from a model with specific_expert_num = 3 and
        // shared_expert_num = 1 holds shared_experts.<l>.0.{1,2}, which the gates never read.
        var options = Small with { SpecificExpertNum = 3, SharedExpertNum = 1 };
        using var target = new Ple(Columns(), options with { Seed = 2 });
        using var sameShape = new Ple(Columns(), options with { Seed = 1 });
        using var moreShared = new Ple(Columns(), options with { SharedExpertNum = 3 });
        var surplus = moreShared.state_dict()
            .Where(kv => Regex.IsMatch(kv.Key, @"^shared_experts\.\d+\.0\.[12]\."))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        var tensors = new Dictionary<string, Tensor>(sameShape.state_dict());
        foreach (var (key, value) in surplus) tensors.Add(key, value);

        var result = target.LoadStateDict(tensors);

        Assert.Equal(16, surplus.Count); // 2 levels · 2 experts · 2 layers · (weight, bias)
        Assert.Equal(surplus.Keys.Order(StringComparer.Ordinal), result.IgnoredKeys.Order(StringComparer.Ordinal));
        Assert.Equal(target.state_dict().Count, result.LoadedKeys);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("ignored 16 tensors of unused shared experts", warning);
        Assert.True(Same(target.state_dict()["shared_experts.0.0.0.linears.0.weight"],
            sameShape.state_dict()["shared_experts.0.0.0.linears.0.weight"]));
    }

    // ---- resources --------------------------------------------------------------------------------------------------

    [Fact]
    public void RepeatedTrainingPassesDoNotLeakTensors()
    {
        using var model = new Ple(Columns(), Small with { DnnUseBn = true, DnnDropout = 0.2, L2RegDnn = 0.01 });
        using var x = InputConverter.ToTensors(model.Layout, Inputs(16));

        TrainingPassLeaks.AssertNoGrowth(model, x);
    }
}
