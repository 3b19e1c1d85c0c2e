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
