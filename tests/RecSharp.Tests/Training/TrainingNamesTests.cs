using RecSharp.Catalog;
using RecSharp.Layers.Activations;
using RecSharp.Training;
using RecSharp.Training.Metrics;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training;

/// <summary>Every optimizer, loss, metric and activation that an experiment may name is one the library
/// implements.</summary>
public class TrainingNamesTests
{
    public static TheoryData<string> Optimizers => new(TrainingNames.Optimizers);

    public static TheoryData<string> Losses => new(TrainingNames.Losses);

    public static TheoryData<string> Metrics => new(TrainingNames.Metrics);

    public static TheoryData<string> Activations => new(ModelNames.Activations);

    public static TheoryData<string> FractionMetrics => new(TrainingNames.FractionMetrics);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void EachOptimizerNameCreatesAnOptimizerThatSteps(string name)
    {
        using var weight = new TorchSharp.Modules.Parameter(ones(3));
        using var optimizer = OptimizerFactory.Create(name, [weight]);
        using (var loss = weight.square().sum()) loss.backward();

        optimizer.step();

        Assert.True(weight.detach().lt(1).all().item<bool>(), $"{name} did not move the weights downhill");
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void EachLossNameIsALoss(string name) => Assert.Equal(name, TaskLoss.Named(name).Name);

    [Theory]
    [MemberData(nameof(Metrics))]
    public void EachMetricNameIsAMetric(string name) => Assert.True(MetricRegistry.TryResolve(name, out _), name);

    [Theory]
    [MemberData(nameof(FractionMetrics))]
    public void EachFractionMetricIsOneForPerfectScoresAndZeroForReversedOnes(string name)
    {
        var metric = MetricRegistry.Resolve(name);
        double[] labels = [1, 0, 1, 0];
        long[] groups = [1, 1, 2, 2];

        Assert.Equal(1.0, metric.Compute(labels, [0.9, 0.1, 0.8, 0.2], groups), 1e-9);
        Assert.Equal(0.0, metric.Compute(labels, [0.1, 0.9, 0.2, 0.8], groups), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void EachActivationNameBuildsALayer(string name)
    {
        using var layer = DnnActivation.Named(name).Create(3);
        using var output = layer.forward(ones(2, 3));
        Assert.Equal([2L, 3L], output.shape);
    }

    [Fact]
    public void TheLibrarysOptimizerNamesAreTheCatalogs() =>
        Assert.Equal(TrainingNames.Optimizers, OptimizerFactory.KnownNames);
}
