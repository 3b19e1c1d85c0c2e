using RecSharp.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training.Optimizers;

/// <summary>
/// RecSharp's named optimizers against TorchSharp's implementations of torch's update formulas, built with torch's
/// default hyperparameters (the reference's): the same parameters and gradients give the same parameters and state.
/// </summary>
public class TorchUpdateEquivalenceTests
{
    private const int Steps = 6;
    private const double Tolerance = 1e-6;

    public static TheoryData<string, double> Named => new()
    {
        { "sgd", 0.05 },
        { "adam", 0.01 },
        { "adamw", 0.01 },
        { "adagrad", 0.05 },
        { "rmsprop", 0.01 },
    };

    [Theory]
    [MemberData(nameof(Named))]
    public void StepsMatchTorchsFormulasWithTorchsDefaults(string name, double learningRate)
    {
        var ours = Parameters();
        var torchs = Parameters();
        using var optimizer = OptimizerFactory.Create(name, ours, learningRate);
        using var reference = TorchSharpOptimizer(name, torchs, learningRate);

        using var generator = new Generator(11);
        for (int step = 0; step < Steps; step++)
        {
            for (int i = 0; i < ours.Length; i++)
            {
                using var grad = randn(ours[i].shape, generator: generator) * (step + 1);
                ours[i].grad = grad.clone();
                torchs[i].grad = grad.clone();
            }
            optimizer.step();
            reference.step();
        }

        var initial = Parameters();
        for (int i = 0; i < ours.Length; i++)
        {
            double difference = (ours[i] - torchs[i]).abs().max().item<float>();
            Assert.True(difference <= Tolerance, $"parameter {i} differs by {difference} after {Steps} steps");
            Assert.False(ours[i].allclose(initial[i]), $"parameter {i} did not move");
        }
    }

    [Theory]
    [MemberData(nameof(Named))]
    public void StepsAfterBackwardPassesMatchTorchsAndUpdateOneSharedBuffer(string name, double learningRate)
    {
        var gradientBuffers = new HashSet<IntPtr>();
        var ours = StepBoth(name, learningRate, skipped: -1,
            afterStep: step => gradientBuffers.UnionWith(step.Select(p => p.grad!.storage<float>().data_ptr())));

        var storage = ours[0].storage<float>().data_ptr();
        Assert.All(ours, p => Assert.Equal(storage, p.storage<float>().data_ptr()));
        Assert.Single(gradientBuffers);                 // autograd accumulated into one buffer, bound once
    }

    [Theory]
    [MemberData(nameof(Named))]
    public void AParameterTheLossDoesNotReachStaysOutOfTheSharedBufferAndUnchanged(string name, double learningRate)
    {
        // As PLE's last shared gate: a parameter without a gradient, which torch's optimizers skip (no update, not
        // even a weight decay); the others are still updated in one shared buffer.
        const int unused = 2;
        var ours = StepBoth(name, learningRate, unused, afterStep: _ => { });

        var initial = Parameters();
        Assert.Null(ours[unused].grad);
        Assert.True(ours[unused].equal(initial[unused]).all().item<bool>(), "the parameter without a gradient moved");
        var used = ours.Where((_, i) => i != unused).ToArray();
        var storage = used[0].storage<float>().data_ptr();
        Assert.All(used, p => Assert.Equal(storage, p.storage<float>().data_ptr()));
        Assert.NotEqual(storage, ours[unused].storage<float>().data_ptr());
    }

    // Steps the named optimizer and TorchSharp's after the same backward passes (leaving out parameter `skipped`),
    // calling afterStep with ours after each step; asserts that both give the same parameters and returns ours.
    private static Parameter[] StepBoth(string name, double learningRate, int skipped, Action<Parameter[]> afterStep)
    {
        var ours = Parameters();
        var torchs = Parameters();
        using var optimizer = OptimizerFactory.Create(name, ours, learningRate);
        using var reference = TorchSharpOptimizer(name, torchs, learningRate);
        for (int step = 0; step < Steps; step++)
        {
            Backward(optimizer, ours, step, skipped);
            Backward(reference, torchs, step, skipped);
            optimizer.step();
            reference.step();
            afterStep(ours);
        }
        for (int i = 0; i < ours.Length; i++)
        {
            double difference = (ours[i] - torchs[i]).abs().max().item<float>();
            Assert.True(difference <= Tolerance, $"parameter {i} differs by {difference} after {Steps} steps");
        }
        return ours;
    }

    // zero_grad, then the gradients of Σ_i Σ sin((step + 1) · θ_i · (i + 1)) accumulated by a backward pass, leaving
    // out parameter `skipped`, which then gets no gradient.
    private static void Backward(optim.Optimizer optimizer, Parameter[] parameters, int step, int skipped = -1)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = parameters.Where((_, i) => i != skipped)
            .Select(p => (p * ((step + 1.0) * (Array.IndexOf(parameters, p) + 1))).sin().sum())
            .Aggregate((a, b) => a + b);
        loss.backward();
    }

    private static optim.Optimizer TorchSharpOptimizer(string name, Parameter[] parameters, double learningRate) =>
        name switch
    {
        "sgd" => new SGD(parameters, learningRate),
        "adam" => new Adam(parameters, learningRate),
        "adamw" => new AdamW(parameters, learningRate, weight_decay: 1e-2),   // TorchSharp's default is 0, torch's 1e-2
        "adagrad" => new Adagrad(parameters, learningRate),
        "rmsprop" => new RMSProp(parameters, learningRate),
        _ => throw new ArgumentException($"no TorchSharp optimizer for {name}"),
    };

    // Parameters of several shapes, the same values on every call.
    private static Parameter[] Parameters()
    {
        using var generator = new Generator(5);
        long[][] shapes = [[3, 4], [4], [2, 3, 2], [1]];
        return shapes.Select(shape => new Parameter(randn(shape, generator: generator))).ToArray();
    }
}
