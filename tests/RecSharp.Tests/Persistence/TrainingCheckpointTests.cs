using RecSharp.Models;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Persistence;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using RecSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace RecSharp.Tests.Persistence;

/// <summary>Resumable checkpoints: an interrupted and resumed fit equals an uninterrupted one, bit for bit on the
/// CPU.</summary>
public sealed class TrainingCheckpointTests : IDisposable
{
    private const int Rows = 40;       // 30 training rows after the validation split: 4 batches of 8 per epoch
    private const int BatchSize = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-resume-").FullName;

    private static Ple Model(string optimizer, bool uncertainty = false)
    {
        var model = new Ple(SyntheticInputs.Columns(), new PleOptions
        {
            ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [4], DnnDropout = 0.3,
        });
        model.Compile(optimizer, metrics: ["auc"], uncertaintyWeighting: uncertainty);
        return model;
    }

    private static (Dictionary<string, Array> X, double[,] Y) Data()
    {
        var x = SyntheticInputs.Inputs(Rows);
        return (x, SyntheticInputs.BinaryLabels(x));
    }

    private static RecSharp.Training.History Fit(MultiTaskModel model, int epochs,
        IReadOnlyList<Callback>? callbacks = null, string? resumeFrom = null, int batchSize = BatchSize)
    {
        var (x, y) = Data();
        return model.Fit(x, y, batchSize: batchSize, epochs: epochs, verbose: 0, validationSplit: 0.25,
            callbacks: callbacks, resumeFrom: resumeFrom);
    }

    /// <summary>Stands for the end of the process: throws once the fit reaches a given batch.</summary>
    private sealed class Interrupt(int stopEpoch, int stopBatch) : Callback
    {
        private int _epoch;
        public override void OnEpochBegin(int epoch) => _epoch = epoch;
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            if (_epoch == stopEpoch && batch == stopBatch) throw new OperationCanceledException("process stopped");
        }
    }

    private string Interrupted(string optimizer, int stopEpoch, int stopBatch, bool uncertainty = false)
    {
        string path = Path.Combine(_folder, "latest.safetensors");
        using var model = Model(optimizer, uncertainty);
        var checkpoint = new ModelCheckpoint(path, everyBatches: 1);
        Assert.Throws<OperationCanceledException>(() =>
            Fit(model, 3, [checkpoint, new Interrupt(stopEpoch, stopBatch)]));
        return path;
    }

    private static void Scramble(MultiTaskModel model)
    {
        using var noGrad = no_grad();
        foreach (var p in model.parameters()) p.add_(randn_like(p));
    }

    public static TheoryData<string, int, int> StopPoints => new()
    {
        { "adam", 0, 1 },       // in the middle of the first epoch
        { "adam", 1, 2 },       // in the middle of a later epoch
        { "adam", 0, 3 },       // after the last batch of an epoch, before its end
        { "adamw", 0, 2 },
        { "adagrad", 1, 0 },
        { "rmsprop", 0, 2 },
        { "sgd", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(StopPoints))]
    public void AResumedFitEndsWithTheWeightsAndLogsOfAnUninterruptedOne(string optimizer, int stopEpoch, int stopBatch)
    {
        using var straight = Model(optimizer);
        var straightHistory = Fit(straight, 3);
        string checkpoint = Interrupted(optimizer, stopEpoch, stopBatch);

        // A new process: another generator state, fresh weights and a freshly compiled optimizer.
        manual_seed(987654);
        using var resumed = Model(optimizer);
        Scramble(resumed);
        var resumedHistory = Fit(resumed, 3, resumeFrom: checkpoint);

        AssertSameState(straight, resumed);
        Assert.Equal(3 - stopEpoch, resumedHistory.Epochs.Count);
        foreach (var (name, values) in resumedHistory.Values)
            Assert.Equal(straightHistory.Values[name][^values.Count..], values);
    }

    [Fact]
    public void UncertaintyWeightsAreResumedToo()
    {
        using var straight = Model("adam", uncertainty: true);
        Fit(straight, 2);
        string checkpoint = Interrupted("adam", 1, 1, uncertainty: true);
        using var resumed = Model("adam", uncertainty: true);
        Fit(resumed, 2, resumeFrom: checkpoint);

        AssertSameState(straight, resumed);
        Assert.True(Same(straight.Setup()!.UncertaintyLogVariances!, resumed.Setup()!.UncertaintyLogVariances!));
    }

    [Fact]
    public void ACheckpointOfTorchSharpsAdamResumesWithTheNamedAdam()
    {
        // The named optimizers keep TorchSharp's per-parameter state and type names, so checkpoints written with
        // TorchSharp's own Adam (as every "adam" fit was before) resume; its per-parameter step may differ from the
        // flat one in the last bit.
        using var straight = Model("adam");
        Fit(straight, 3);
        string path = Path.Combine(_folder, "latest.safetensors");
        using (var written = Model("adam"))
        {
            written.Compile(new TorchSharp.Modules.Adam(written.parameters(), 1e-3), metrics: ["auc"]);
            var checkpoint = new ModelCheckpoint(path, everyBatches: 1);
            Assert.Throws<OperationCanceledException>(() => Fit(written, 3, [checkpoint, new Interrupt(1, 1)]));
        }

        using var resumed = Model("adam");
        Fit(resumed, 3, resumeFrom: path);

        var expected = Snapshot(straight);
        foreach (var (name, tensor) in resumed.state_dict())
        {
            double difference = (tensor - expected[name]).abs().max().item<float>();
            Assert.True(difference <= 1e-6, $"{name} differs by {difference}");
        }
    }

    [Fact]
    public void ACheckpointIsAlsoAModelThatPredictsAsTheModelDidWhenItWasWritten()
    {
        string path = Path.Combine(_folder, "epoch-{epoch}.safetensors");
        using var model = Model("adam");
        var checkpoint = new ModelCheckpoint(path);
        Fit(model, 2, [checkpoint]);
        var (x, _) = Data();

        using var loaded = ModelPersistence.Load(checkpoint.SavedPaths[^1]);

        Assert.True(TrainingCheckpoint.HasTrainingState(checkpoint.SavedPaths[^1]));
        Assert.Equal(model.Predict(x), loaded.Predict(x));
    }

    [Fact]
    public void KeepLastKeepsOnlyTheNewestFiles()
    {
        using var model = Model("adam");
        var checkpoint = new ModelCheckpoint(Path.Combine(_folder, "ckpt-{epoch}-{batch}.safetensors"), everyBatches: 1,
            keepLast: 2);
        Fit(model, 2, [checkpoint]);

        // 4 batches and one epoch end in each of 2 epochs.
        Assert.Equal(10, checkpoint.SavedPaths.Count);
        Assert.Equal(["ckpt-2-0.safetensors", "ckpt-2-4.safetensors"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ResumingWithOtherSettingsOrDataIsRefusedBeforeAnyWeightChanges()
    {
        string checkpoint = Interrupted("adam", 0, 1);
        using var model = Model("adam");
        var before = Snapshot(model);

        var batch = Assert.Throws<ArgumentException>(() => Fit(model, 2, resumeFrom: checkpoint, batchSize: 4));
        Assert.Contains("batchSize 8", batch.Message);
        var (x, y) = Data();
        y[0, 0] = 1 - y[0, 0];
        var data = Assert.Throws<ArgumentException>(() =>
            model.Fit(x, y, batchSize: BatchSize, epochs: 2, verbose: 0, validationSplit: 0.25,
                resumeFrom: checkpoint));
        Assert.Contains("other labels", data.Message);
        var split = Assert.Throws<ArgumentException>(() =>
            model.Fit(Data().X, Data().Y, batchSize: BatchSize, epochs: 2, verbose: 0, validationSplit: 0.5,
                resumeFrom: checkpoint));
        Assert.Contains("training rows", split.Message);
        using var other = Model("sgd");
        var optimizer = Assert.Throws<ModelArtifactException>(() => Fit(other, 2, resumeFrom: checkpoint));
        Assert.Contains("optimizer Adam", optimizer.Message);

        AssertSameState(before, model);
    }

    [Fact]
    public void AModelWithoutTrainingStateOrOfAnotherTypeIsNoCheckpoint()
    {
        string plain = Path.Combine(_folder, "model.safetensors");
        using var model = Model("adam");
        model.Save(plain);
        var error = Assert.Throws<ModelArtifactException>(() => Fit(model, 1, resumeFrom: plain));
        Assert.Contains("no training state", error.Message);

        string checkpoint = Interrupted("adam", 0, 1);
        using var mmoe = new Mmoe(SyntheticInputs.Columns());
        mmoe.Compile("adam");
        var type = Assert.Throws<ModelArtifactException>(() => Fit(mmoe, 1, resumeFrom: checkpoint));
        Assert.Contains("Ple", type.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ADamagedRowOrderIsRejected()
    {
        string checkpoint = Interrupted("adam", 0, 1);
        var document = SafeTensorsFormat.Read(checkpoint);
        var entries = document.Entries.Select(e => e.Name != TrainingCheckpoint.KeyPrefix + "row_order" ? e
            : SafeTensorValues.FromInt64s(e.Name, e.Shape, new long[e.ElementCount])).ToArray();
        SafeTensorsFormat.Write(checkpoint, entries, document.Metadata);
        using var model = Model("adam");

        var error = Assert.Throws<ModelArtifactException>(() => Fit(model, 2, resumeFrom: checkpoint));

        Assert.Contains("not an order of the 30 training rows", error.Message);
    }

    private static Dictionary<string, Tensor> Snapshot(MultiTaskModel model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void AssertSameState(MultiTaskModel expected, MultiTaskModel actual) =>
        AssertSameState(Snapshot(expected), actual);

    private static void AssertSameState(Dictionary<string, Tensor> expected, MultiTaskModel actual)
    {
        foreach (var (name, tensor) in actual.state_dict())
            Assert.True(Same(expected[name], tensor), $"{name} differs");
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
