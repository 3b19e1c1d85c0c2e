using RecSharp.Tests.Support;
using RecSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training;

/// <summary>Compile: optimizers by name and by instance, losses, loss weights and metrics.</summary>
public class CompileTests
{
    [Theory]
    [InlineData("sgd", "SGD", 0.01)]
    [InlineData("adam", "Adam", 1e-3)]
    [InlineData("adamw", "AdamW", 1e-3)]
    [InlineData("adagrad", "Adagrad", 0.01)]
    [InlineData("rmsprop", "RMSProp", 0.01)]
    public void NamedOptimizersUseTheReferenceDefaultLearningRates(string name, string typeName, double learningRate)
    {
        using var model = SyntheticInputs.TinyPle();

        model.Compile(name);

        var optimizer = model.Setup()!.Optimizer;
        Assert.Equal(typeName, optimizer.GetType().Name);
        var groups = optimizer.ParamGroups.ToArray();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Equal(learningRate, g.LearningRate, 12));
    }

    [Fact]
    public void OptimizerNamesAreCaseInsensitiveAndTheLearningRateCanBeGiven()
    {
        using var model = SyntheticInputs.TinyPle();

        model.Compile("SGD", learningRate: 0.25);

        Assert.Equal("SGD", model.Setup()!.Optimizer.GetType().Name);
        Assert.All(model.Setup()!.Optimizer.ParamGroups, g => Assert.Equal(0.25, g.LearningRate, 12));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void ANonPositiveLearningRateIsRejected(double learningRate)
    {
        using var model = SyntheticInputs.TinyPle();

        var error = Assert.Throws<ArgumentException>(() => model.Compile("sgd", learningRate: learningRate));

        Assert.Contains("learningRate", error.Message);
        Assert.Null(model.Setup());
    }

    [Fact]
    public void AnUnknownOptimizerNameIsRejectedNamingIt()
    {
        using var model = SyntheticInputs.TinyPle();

        var error = Assert.Throws<ArgumentException>(() => model.Compile("adamw_fancy"));

        Assert.Contains("adamw_fancy", error.Message);
        Assert.Null(model.Setup());
    }

    [Fact]
    public void AnUnknownLossNameIsRejectedNamingIt()
    {
        using var model = SyntheticInputs.TinyPle();

        var error = Assert.Throws<ArgumentException>(
            () => model.Compile("adam", loss: ["binary_crossentropy", "hinge_loss"]));

        Assert.Contains("hinge_loss", error.Message);
        Assert.Null(model.Setup());
    }

    [Fact]
    public void AnUnknownMetricNameIsRejectedNamingIt()
    {
        using var model = SyntheticInputs.TinyPle();

        var error = Assert.Throws<ArgumentException>(() => model.Compile("adam", metrics: ["auc", "f1_macro"]));

        Assert.Contains("f1_macro", error.Message);
        Assert.Null(model.Setup());
    }

    [Fact]
    public void ALossCountOtherThanTheTaskCountIsRejected()
    {
        using var model = SyntheticInputs.TinyPle();

        var one = Assert.Throws<ArgumentException>(() => model.Compile("adam", loss: ["binary_crossentropy"]));
        var three = Assert.Throws<ArgumentException>(
            () => model.Compile("adam", loss: ["binary_crossentropy", "mse", "mae"]));

        Assert.Contains("1 losses", one.Message);
        Assert.Contains("3 losses", three.Message);
        Assert.Null(model.Setup());
    }

    [Theory]
    [InlineData(new[] { 1.0 })]
    [InlineData(new[] { 1.0, -0.5 })]
    [InlineData(new[] { 1.0, double.PositiveInfinity })]
    public void BadLossWeightsAreRejected(double[] weights)
    {
        using var model = SyntheticInputs.TinyPle();

        Assert.Throws<ArgumentException>(() => model.Compile("adam", lossWeights: weights));

        Assert.Null(model.Setup());
    }

    [Fact]
    public void DefaultLossesFollowTheTaskTypesAndWeightsAreOne()
    {
        using var model = SyntheticInputs.TinyPle(taskTypes: ["binary", "regression"]);

        model.Compile();

        Assert.Equal(["binary_crossentropy", "mse"], model.Setup()!.Losses.Select(l => l.Name));
        Assert.Equal([1.0, 1.0], model.Setup()!.LossWeights);
        Assert.Empty(model.Setup()!.Metrics);
        Assert.Equal("Adam", model.Setup()!.Optimizer.GetType().Name);
    }

    [Fact]
    public void AZeroLossWeightGivesThatTasksHeadNoGradient()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = SyntheticInputs.TinyPle();
        model.Compile("sgd", lossWeights: [1.0, 0.0]);
        var before = SyntheticInputs.Snapshot(model);

        model.Fit(x, y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0);

        var after = SyntheticInputs.Snapshot(model);
        // Task 1's own parameters (tower, final layer, prediction bias) get no gradient: l2RegDnn is 0 and biases carry
        // none.
        foreach (string key in new[] { "out.1.bias", "tower_dnn_final_layer.1.weight", "tower_dnn.1.linears.0.weight",
            "tower_dnn.1.linears.0.bias" })
        {
            Assert.Equal(before[key], after[key]);
        }
        Assert.NotEqual(before["out.0.bias"], after["out.0.bias"]);
    }

    [Fact]
    public void LossWeightsScaleTheTaskGradient()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var plain = SyntheticInputs.TinyPle();
        using var weighted = SyntheticInputs.TinyPle();
        plain.Compile("sgd", lossWeights: [1.0, 1.0]);
        weighted.Compile("sgd", lossWeights: [3.0, 1.0]);
        double start = SyntheticInputs.Snapshot(plain)["out.0.bias"][0];

        plain.Fit(x, y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0);
        weighted.Fit(x, y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0);

        // One SGD step: the change of out.0.bias is −lr·w·Σ(p − y), so weight 3 moves it three times as far.
        double plainStep = SyntheticInputs.Snapshot(plain)["out.0.bias"][0] - start;
        double weightedStep = SyntheticInputs.Snapshot(weighted)["out.0.bias"][0] - start;
        Assert.NotEqual(0, plainStep);
        Assert.Equal(3 * plainStep, weightedStep, 1e-6);
    }

    [Fact]
    public void ACustomLossDelegateIsUsedForItsTask()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = SyntheticInputs.TinyPle();
        int calls = 0;
        // Minimises the sum of task 0's predictions, whatever the labels.
        var custom = TaskLoss.Custom((p, _) =>
        {
            calls++;
            return p.sum();
        }, "sum_of_predictions");
        model.Compile("sgd", loss: [custom, "binary_crossentropy"]);
        var p0 = SyntheticInputs.Column(model.Predict(x), 0);
        double bias0 = SyntheticInputs.Snapshot(model)["out.0.bias"][0];

        model.Fit(x, y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0);

        Assert.Equal(1, calls);
        Assert.Equal("sum_of_predictions", model.Setup()!.Losses[0].Name);
        // d(Σ sigmoid(z + b))/db = Σ p(1 − p); one SGD step with lr 0.01 moves the bias by minus that.
        double expected = bias0 - 0.01 * p0.Sum(p => p * (1 - p));
        Assert.Equal(expected, SyntheticInputs.Snapshot(model)["out.0.bias"][0], 1e-6);
    }

    [Fact]
    public void ACallersOptimizerInstanceIsUsed()
    {
        var x = SyntheticInputs.Inputs(16);
        var y = SyntheticInputs.BinaryLabels(x);
        using var byName = SyntheticInputs.TinyPle();
        using var byInstance = SyntheticInputs.TinyPle();
        byName.Compile("sgd");                                                   // lr 0.01
        var optimizer = optim.SGD(byInstance.parameters(), 0.1);
        byInstance.Compile(optimizer);
        double start = SyntheticInputs.Snapshot(byName)["out.0.bias"][0];

        byName.Fit(x, y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0);
        byInstance.Fit(x, y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0);

        Assert.Same(optimizer, byInstance.Setup()!.Optimizer);
        double small = SyntheticInputs.Snapshot(byName)["out.0.bias"][0] - start;
        double large = SyntheticInputs.Snapshot(byInstance)["out.0.bias"][0] - start;
        Assert.NotEqual(0, small);
        Assert.Equal(10 * small, large, 1e-6);
    }

    [Fact]
    public void UncertaintyWeightingLearnsTheLogVariancesAndStartsFromThePlainLoss()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var plain = SyntheticInputs.TinyPle();
        using var weighted = SyntheticInputs.TinyPle();
        plain.Compile("adam");
        weighted.Compile("adam", uncertaintyWeighting: true);
        Assert.Null(plain.Setup()!.UncertaintyLogVariances);
        var logVariances = weighted.Setup()!.UncertaintyLogVariances!;
        Assert.Equal([2L], logVariances.shape);
        Assert.Equal([0.0, 0.0], logVariances.detach().to_type(ScalarType.Float64).data<double>().ToArray());
        var plainLosses = new BatchLosses();
        var weightedLosses = new BatchLosses();

        plain.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0, callbacks: [plainLosses]);
        weighted.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0, callbacks: [weightedLosses]);

        // With s = 0 the first step's loss is exp(0)·L + 0 = L.
        Assert.Equal(plainLosses.Values[0], weightedLosses.Values[0], 1e-6);
        var learned = weighted.Setup()!.UncertaintyLogVariances!.detach().to_type(ScalarType.Float64).data<double>()
            .ToArray();
        Assert.All(learned, s => Assert.NotEqual(0.0, s));
        Assert.All(learned, s => Assert.True(double.IsFinite(s)));
        Assert.True(SyntheticInputs.Differ(SyntheticInputs.Snapshot(plain), SyntheticInputs.Snapshot(weighted)));
    }

    private sealed class BatchLosses : RecSharp.Training.Callbacks.Callback
    {
        public List<double> Values { get; } = [];

        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) =>
            Values.Add(logs["loss"]);
    }
}
