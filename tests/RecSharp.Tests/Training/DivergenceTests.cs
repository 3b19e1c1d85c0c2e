using System.Text.Json.Nodes;
using RecSharp.Models;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Persistence;
using RecSharp.Tests.Support;
using RecSharp.Training.Callbacks;
using RecSharp.Training.Checkpoints;
using RecSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training;

/// <summary>
/// Divergence: outputs, loss or weights that become NaN or infinite stop training with
/// <see cref="TrainingDivergedException"/>, and no checkpoint is written from them; a loss that explodes while finite
/// is reported as a warning.
/// </summary>
public sealed class DivergenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-divergence-").FullName;

    public static TheoryData<string> ModelPaths => new() { "ple", "ple-per-module", "ple-replicas", "mmoe" };

    private static MultiTaskModel Create(string path) => path switch
    {
        "ple" => new Ple(SyntheticInputs.Columns()),
        "ple-per-module" => new Ple(SyntheticInputs.Columns(), dnnUseBn: true),
        "ple-replicas" => new Ple(SyntheticInputs.Columns(), gpus: ["cpu", "cpu"]),
        "mmoe" => new Mmoe(SyntheticInputs.Columns()),
        _ => throw new ArgumentException(path),
    };

    [Theory]
    [MemberData(nameof(ModelPaths))]
    public void AHugeLearningRateStopsTrainingWithTheLastCheckpointIntact(string path)
    {
        var x = SyntheticInputs.Inputs(256);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = Create(path);
        model.Compile("adam", learningRate: 1e12);   // binary cross-entropy used to fail in libtorch on NaN outputs
        string checkpoint = Path.Combine(_folder, "last.safetensors");

        var error = Assert.Throws<TrainingDivergedException>(() =>
            model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0,
                callbacks: [new ModelCheckpoint(checkpoint, everyBatches: 1)]));

        // The outputs of a step, or the weights after it, became non-finite; the last checkpoint is the one before that
        // step, and it loads (the reader refuses NaN).
        Assert.Matches("(outputs|weight \"[^\"]+\") became (NaN|infinite|NaN or infinite)", error.Message);
        var state = JsonNode.Parse(SafeTensorsFormat.Read(checkpoint).Metadata[TrainingCheckpoint.StateKey])!;
        Assert.Equal(error.Epoch, state["epoch"]!.GetValue<int>());
        Assert.Equal(error.Step, state["step"]!.GetValue<int>());
        ModelPersistence.Load(checkpoint).Dispose();
    }

    [Fact]
    public void NaNOutputsStopTrainingBeforeTheStepIsApplied()
    {
        var x = SyntheticInputs.Inputs(256);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = new Ple(SyntheticInputs.Columns());
        model.Compile("adam", learningRate: 1e10);
        string checkpoint = Path.Combine(_folder, "last.safetensors");

        var error = Assert.Throws<TrainingDivergedException>(() =>
            model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0,
                callbacks: [new ModelCheckpoint(checkpoint, everyBatches: 1)]));

        Assert.Contains($"the model's outputs became NaN or infinite at epoch {error.Epoch + 1}, step {error.Step + 1}",
            error.Message);
        Assert.True(double.IsNaN(error.Loss));
        using var saved = ModelPersistence.Load(checkpoint);
        var expected = SyntheticInputs.RawSnapshot(model);
        Assert.All(SyntheticInputs.RawSnapshot(saved), kv => Assert.Equal(expected[kv.Key], kv.Value));
    }

    [Fact]
    public void AStepThatLeavesNaNWeightsIsNeitherCheckpointedNorContinued()
    {
        var x = SyntheticInputs.Inputs(24);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = SyntheticInputs.TinyPle();
        using var oneStep = SyntheticInputs.TinyPle();
        model.Compile("sgd", loss: [NaNGradientOnCall(2), "binary_crossentropy"]);
        oneStep.Compile("sgd");
        oneStep.Fit(SyntheticInputs.Rows(x, 0, 8), SyntheticInputs.Rows(y, 0, 8), batchSize: 8, epochs: 1,
            shuffle: false, verbose: 0);
        string checkpoint = Path.Combine(_folder, "every-batch.safetensors");

        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(x, y, batchSize: 8, epochs: 2,
            shuffle: false, verbose: 0, callbacks: [new ModelCheckpoint(checkpoint, everyBatches: 1)]));

        Assert.Matches("the weight \"[^\"]+\" became NaN after epoch 1, step 2", error.Message);
        using var saved = ModelPersistence.Load(checkpoint);
        var expected = SyntheticInputs.RawSnapshot(oneStep);
        Assert.All(SyntheticInputs.RawSnapshot(saved), kv => Assert.Equal(expected[kv.Key], kv.Value));
    }

    [Fact]
    public void NaNWeightsAfterAnEpochsLastStepStopTrainingBeforeValidationAndEpochEndCheckpoints()
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var model = SyntheticInputs.TinyPle();
        model.Compile("sgd", loss: [NaNGradientOnCall(3), "binary_crossentropy"]);   // 24 training rows: 3 steps of 8
        string checkpoint = Path.Combine(_folder, "epoch.safetensors");
        var history = new History();

        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(x, y, batchSize: 8, epochs: 2,
            shuffle: false, verbose: 0, validationSplit: 0.25, callbacks: [history, new ModelCheckpoint(checkpoint)]));

        Assert.Contains("after epoch 1, step 3", error.Message);
        Assert.Empty(history.Epochs);
        Assert.False(File.Exists(checkpoint));
    }

    [Fact]
    public void ALossThatGrowsTenfoldWhileFiniteIsReportedAsAWarning()
    {
        var x = SyntheticInputs.Inputs(256);
        var y = SyntheticInputs.BinaryLabels(x);
        using var exploding = new Mmoe(SyntheticInputs.Columns());
        using var healthy = new Mmoe(SyntheticInputs.Columns());
        exploding.Compile("adam", learningRate: 1e3);   // the cross-entropy saturates: finite, but far above the start
        healthy.Compile("adam", learningRate: 0.01);
        var output = new StringWriter();

        var history = exploding.Fit(x, y, batchSize: 32, epochs: 3, verbose: 2, output: output);
        var healthyHistory = healthy.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0);

        var warning = Assert.Single(history.Warnings);
        Assert.Matches("^the training loss of epoch 1 \\(.+ per row\\) is .+ times that of the first step", warning);
        Assert.Contains("warning: " + warning, output.ToString());
        Assert.Equal(3, history.Epochs.Count);
        Assert.Empty(healthyHistory.Warnings);
    }

    [Fact]
    public void NonFiniteValidationOutputsGiveANaNValidationLossInsteadOfAnError()
    {
        using var model = SyntheticInputs.TinyPle();
        model.Compile("sgd");
        var x = SyntheticInputs.Inputs(16);
        using (no_grad()) model.ParametersByName()["tower_dnn_final_layer.0.weight"].fill_(float.NaN);
        var labels = SyntheticInputs.BinaryLabels(x);

        var history = model.Fit(x, labels, batchSize: 8, epochs: 1, verbose: 0, stopOnNonFiniteLoss: false,
            validationSplit: 0.5);

        Assert.True(double.IsNaN(history["val_loss"][0]));
    }

    // Binary cross-entropy whose value stays finite but whose gradient is NaN on the given call: sqrt'(0) · 0.
    private static TaskLoss NaNGradientOnCall(int nanCall)
    {
        int calls = 0;
        return TaskLoss.Custom((p, label) =>
        {
            var bce = nn.functional.binary_cross_entropy(p, label, reduction: nn.Reduction.Sum);
            return ++calls == nanCall ? bce + (p * 0).sqrt().sum() : bce;
        });
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
