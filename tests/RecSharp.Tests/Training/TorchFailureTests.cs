using System.Runtime.InteropServices;
using RecSharp.Layers.Activations;
using RecSharp.Models;
using RecSharp.Runtime;
using RecSharp.Tests.Support;
using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training;

/// <summary>
/// A libtorch failure during training, prediction or evaluation surfaces as a <see cref="TorchOperationException"/>
/// saying on one line what was being done and why, not as libtorch's multi-line <see cref="ExternalException"/>.
/// </summary>
public class TorchFailureTests
{
    [Fact]
    public void AFailureInATrainingStepNamesTheStepAndLibtorchsReason()
    {
        using var model = SyntheticInputs.TinyPle();
        var misshapen = TaskLoss.Custom((p, y) => p.view(-1, 7).sum());   // 8 rows cannot be viewed as rows of 7
        model.Compile("sgd", loss: [misshapen, "binary_crossentropy"]);
        var x = SyntheticInputs.Inputs(16);

        var error = Assert.Throws<TorchOperationException>(() =>
            model.Fit(x, SyntheticInputs.BinaryLabels(x), batchSize: 8, shuffle: false, verbose: 0));

        Assert.Equal("training step 1 of epoch 1 (8 rows): " +
                     "libtorch failed: shape '[-1, 7]' is invalid for input of size 8", error.Message);
        Assert.IsAssignableFrom<ExternalException>(error.InnerException);
        Assert.False(error.OutOfMemory);
    }

    [Fact]
    public void AFailureWhilePredictingOrEvaluatingNamesTheRows()
    {
        // An activation whose module expects 3 inputs after a layer of 4 units fails in every forward pass.
        using var model = new Ple(SyntheticInputs.Columns(), expertDnnHiddenUnits: [4], gateDnnHiddenUnits: [4],
            towerDnnHiddenUnits: [4], dnnActivation: DnnActivation.Custom("misfit", _ => nn.Linear(3, 3)));
        model.Compile("sgd");
        var x = SyntheticInputs.Inputs(10);

        var predict = Assert.Throws<TorchOperationException>(() => model.Predict(x, batchSize: 4));
        var evaluate = Assert.Throws<TorchOperationException>(() => model.Evaluate(x, SyntheticInputs.BinaryLabels(x)));
        var gates = Assert.Throws<TorchOperationException>(() => model.GateWeights(x));

        const string Reason = "libtorch failed: mat1 and mat2 shapes cannot be multiplied";
        Assert.StartsWith($"predicting rows 1 to 4: {Reason}", predict.Message);
        Assert.StartsWith($"predicting rows 1 to 10: {Reason}", evaluate.Message);
        Assert.StartsWith($"inference: {Reason}", gates.Message);
        Assert.All(new[] { predict, evaluate, gates }, e => Assert.DoesNotContain('\n', e.Message));
    }

    [Fact]
    public void AnAllocationFailureSaysThatMemoryRanOut()
    {
        const string Reason = "DefaultCPUAllocator: can't allocate memory: " +
                              "you tried to allocate 1099511627776 bytes. Error code 12 (Cannot allocate memory)";
        var failure = new ExternalException(Reason + "\nException raised from malloc at alloc_cpu.cpp:116");

        var error = new TorchOperationException("training step 3 of epoch 1 (256 rows)", failure);

        Assert.True(error.OutOfMemory);
        Assert.Equal($"training step 3 of epoch 1 (256 rows): libtorch could not allocate the memory it needed " +
                     $"({Reason}); lower the batch size or the model's sizes", error.Message);
    }

    [Fact]
    public void BinaryCrossEntropyOnARegressionTaskIsRefusedAtCompile()
    {
        using var model = SyntheticInputs.TinyPle(taskTypes: ["binary", "regression"],
            taskNames: ["click", "watch_time"]);

        var error = Assert.Throws<ArgumentException>(() =>
            model.Compile("adam", loss: ["binary_crossentropy", "binary_crossentropy"]));

        Assert.StartsWith("loss 2 is binary_crossentropy, which needs probabilities, " +
                          "but task \"watch_time\" is a regression", error.Message);
        Assert.Null(model.Setup());
    }
}
