using RecSharp.Catalog;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Persistence;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using TorchSharp;

namespace RecSharp.Tests.Persistence;

public sealed class ModelArtifactTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-artifact-").FullName;

    private static FeatureColumn[] Columns() =>
    [
        new SparseFeat("user", 11, 3),
        new SparseFeat("item", 13, 3),
        new DenseFeat("price"),
        new VarLenSparseFeat(new SparseFeat("hist", 13, 3, embeddingName: "item"), 4, "sum"),
    ];

    private static Dictionary<string, Array> Inputs(int rows)
    {
        var random = new Random(7);
        var hist = new int[rows, 4];
        for (int i = 0; i < rows; i++) for (int k = 0; k < 1 + i % 4; k++) hist[i, k] = random.Next(1, 13);
        return new Dictionary<string, Array>
        {
            ["user"] = Enumerable.Range(0, rows).Select(_ => random.Next(11)).ToArray(),
            ["item"] = Enumerable.Range(0, rows).Select(_ => random.Next(13)).ToArray(),
            ["price"] = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray(),
            ["hist"] = hist,
        };
    }

    public static TheoryData<string> ModelTypes =>
        [.. ModelNames.Models.Where(m => m.FixedParameters.Count == 0).Select(m => m.Name)];

    private static MultiTaskModel Create(string type) => type switch
    {
        "ple" => new Ple(Columns(), expertDnnHiddenUnits: [8, 6], gateDnnHiddenUnits: [4], towerDnnHiddenUnits: [4],
            dnnUseBn: true, initStd: 0.3),
        "mmoe" => new Mmoe(Columns(), numExperts: 2, expertDnnHiddenUnits: [8], gateDnnHiddenUnits: [],
            towerDnnHiddenUnits: [4], initStd: 0.3, dnnActivation: "prelu"),
        "sharedbottom" => new SharedBottom(Columns(), bottomDnnHiddenUnits: [8], towerDnnHiddenUnits: [], initStd: 0.3,
            taskTypes: ["binary", "regression"]),
        "esmm" => new Esmm(Columns(), towerDnnHiddenUnits: [8], initStd: 0.3),
        _ => throw new ArgumentException(type),
    };

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void SavedModelsLoadAndPredictBitForBit(string type)
    {
        using var model = Create(type);
        var inputs = Inputs(12);
        model.Compile("adam");
        // moves weights and BatchNorm statistics away from their initial values
        model.Fit(inputs, new double[12, 2], batchSize: 4, verbose: 0);
        string path = Path.Combine(_folder, type + ".safetensors");

        model.Save(path, preprocessingJson: "{\"vocab\":[1,2]}");
        var (loaded, preprocessing) = ModelArtifact.Load(path);

        using (loaded)
        {
            Assert.Equal(model.GetType(), loaded.GetType());
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(model.Options, model.Options.GetType()),
                System.Text.Json.JsonSerializer.Serialize(loaded.Options, loaded.Options.GetType()));
            Assert.Equal("{\"vocab\":[1,2]}", preprocessing);
            Assert.Equal(model.Options.DnnActivation, loaded.Options.DnnActivation);
            Assert.Equal(model.FeatureColumns, loaded.FeatureColumns);
            Assert.Equal(model.Predict(inputs), loaded.Predict(inputs));
        }
    }

    [SkippableFact]
    public void ReferencePthImportsAndExportsIdenticalTensors()
    {
        var fixture = PleFixture.Load();
        using var model = new Ple(fixture.Columns(), fixture.Options());
        model.LoadStateDict(fixture.InitialStatePath);
        string path = Path.Combine(_folder, "exported.safetensors");

        model.Save(path);
        var document = SafeTensorsFormat.Read(path);
        var original = TorchSharp.PyBridge.PyTorchUnpickler.UnpickleStateDict(fixture.InitialStatePath);

        Assert.Equal(original.Count, document.Entries.Count);
        foreach (System.Collections.DictionaryEntry entry in original)
        {
            var tensor = (torch.Tensor)entry.Value!;
            var exported = document[(string)entry.Key];
            Assert.Equal(tensor.shape, exported.Shape);
            Assert.Equal(tensor.data<float>().ToArray(), SafeTensorValues.ToSingles(exported));
        }
        using var reimported = new Ple(fixture.Columns(), fixture.Options());
        reimported.LoadStateDict(path);
        RecSharp.Tests.Models.PleReferenceTests.AssertClose(fixture.ExpectedEvalOutputs(),
            reimported.Predict(fixture.Inputs()));
    }

    [Fact]
    public void ACrashDuringSaveLeavesThePreviousFileLoadable()
    {
        using var model = Create("ple");
        string path = Path.Combine(_folder, "model.safetensors");
        model.Save(path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new InvalidOperationException("simulated crash");
        }));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
        using var loaded = ModelPersistence.Load(path);
        Assert.Equal(model.Predict(Inputs(5)), loaded.Predict(Inputs(5)));
    }

    [Fact]
    public void NaNWeightsAreRejectedOnLoad()
    {
        using var model = Create("sharedbottom");
        using (torch.no_grad()) model.state_dict()["out.0.bias"].fill_(double.NaN);
        string path = Path.Combine(_folder, "nan.safetensors");
        model.Save(path);

        var error = Assert.Throws<SafeTensorsFormatException>(() => ModelPersistence.Load(path));
        Assert.Contains("out.0.bias", error.Message);
    }

    [Fact]
    public void ANewerDescriptionVersionFailsClearly()
    {
        using var model = Create("mmoe");
        string path = Path.Combine(_folder, "newer.safetensors");
        model.Save(path);
        var document = SafeTensorsFormat.Read(path);
        var metadata = document.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
        string current = $"\"description_version\":{ModelArtifact.DescriptionVersion}";
        metadata[ModelArtifact.DescriptionKey] =
            metadata[ModelArtifact.DescriptionKey].Replace(current, "\"description_version\":9");
        SafeTensorsFormat.Write(path, document.Entries, metadata);

        var error = Assert.Throws<ModelArtifactException>(() => ModelPersistence.Load(path));
        Assert.Contains("newer RecSharp", error.Message);
    }

    [Fact]
    public void ModelCheckpointWritesNamedFilesOnlyWhenTheMonitorImproves()
    {
        using var model = Create("sharedbottom");
        var inputs = Inputs(16);
        var labels = new double[16, 2];
        for (int i = 0; i < 16; i++) { labels[i, 0] = i % 2; labels[i, 1] = i * 0.1; }
        model.Compile("adam", metrics: ["mse"], learningRate: 0.05);
        var checkpoint = new ModelCheckpoint(Path.Combine(_folder, "ckpt-{epoch:02d}-{loss:.3f}.safetensors"),
            monitor: "loss", saveBestOnly: true, mode: "min");

        model.Fit(inputs, labels, batchSize: 4, epochs: 4, verbose: 0, shuffle: false, callbacks: [checkpoint]);

        Assert.NotEmpty(checkpoint.SavedPaths);
        Assert.Matches(@"ckpt-01-\d+\.\d{3}\.safetensors$", checkpoint.SavedPaths[0]);
        Assert.All(checkpoint.SavedPaths, p => Assert.True(File.Exists(p)));
        using var last = ModelPersistence.Load(checkpoint.SavedPaths[^1]);
        Assert.IsType<SharedBottom>(last);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
