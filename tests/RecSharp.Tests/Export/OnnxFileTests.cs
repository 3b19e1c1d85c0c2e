using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using DataType = Onnx.TensorProto.Types.DataType;
using Onnx;
using RecSharp.Export;
using RecSharp.Features;
using RecSharp.Layers.Activations;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Export;

/// <summary>
/// What the ONNX file holds: the model's weights bit for bit, the documented inputs, output and metadata, a graph
/// that ONNX's own checker accepts; and what the exporter refuses.
/// </summary>
public sealed class OnnxFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-onnx-").FullName;

    private ModelProto Export(MultiTaskModel model, out string path)
    {
        path = Path.Combine(_folder, $"{model.GetType().Name}-{Guid.NewGuid():N}.onnx");
        model.ExportOnnx(path);
        return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(OnnxFeatureTests.ModelTypes), MemberType = typeof(OnnxFeatureTests))]
    public void TheWeightsAreTheModelsBitForBit(string type)
    {
        using var model = OnnxModels.Create(type, OnnxFeatureTests.AllKinds(), "dice", useBn: true);
        OnnxParity.Randomize(model);

        var initializers = Export(model, out _).Graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);

        // Every tensor the forward pass reads is there under its state-dict key, with the tensor's own bytes; only the
        // BatchNorm counters and the last PLE level's shared gate (whose output feeds nothing) are left out.
        int lastLevel = (model as Ple)?.PleOptions.NumLevels - 1 ?? -1;
        var expected = model.state_dict().Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)
            && !kv.Key.StartsWith($"shared_gate_dnn.{lastLevel}.", StringComparison.Ordinal)
            && !kv.Key.StartsWith($"shared_gate_dnn_final_layer.{lastLevel}.", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(expected);
        foreach (var (key, tensor) in expected)
        {
            Assert.True(initializers.TryGetValue(key, out var initializer), $"{key} is not in the ONNX file");
            Assert.Equal((int)DataType.Float, initializer.DataType);
            Assert.Equal(tensor.shape, initializer.Dims);
            var bytes = MemoryMarshal.AsBytes(tensor.contiguous().data<float>().ToArray().AsSpan()).ToArray();
            Assert.True(bytes.AsSpan().SequenceEqual(initializer.RawData.Span), $"{key}: not the model's bytes");
        }
    }

    [Fact]
    public void InputsAreNamedAfterTheFeaturesWithTheirTypesAndADynamicBatch()
    {
        using var model = OnnxModels.Create("ple", OnnxFeatureTests.AllKinds());

        var graph = Export(model, out _).Graph;

        string[] names = ["user", "item", "site", "clicks", "tags", "tags_len", "tags_weight", "price", "context"];
        Assert.Equal(names, graph.Input.Select(i => i.Name));
        (DataType Type, long? Width)[] expected =
        [
            (DataType.Int64, null), (DataType.Int64, null), (DataType.Int64, null), (DataType.Int64, 5),
            (DataType.Int64, 4), (DataType.Int64, null), (DataType.Float, 4), (DataType.Float, 1), (DataType.Float, 3),
        ];
        for (int i = 0; i < names.Length; i++)
        {
            var tensor = graph.Input[i].Type.TensorType;
            Assert.Equal((int)expected[i].Type, tensor.ElemType);
            Assert.Equal(OnnxGraph.BatchDimension, tensor.Shape.Dim[0].DimParam);
            Assert.Equal(expected[i].Width is null ? 1 : 2, tensor.Shape.Dim.Count);
            if (expected[i].Width is { } width) Assert.Equal(width, tensor.Shape.Dim[1].DimValue);
        }
        var output = Assert.Single(graph.Output);
        Assert.Equal("predictions", output.Name);
        Assert.Equal((int)DataType.Float, output.Type.TensorType.ElemType);
        Assert.Equal(OnnxGraph.BatchDimension, output.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(2, output.Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Fact]
    public void TheMetadataNamesTasksFeaturesVersionAndTheHashOfTheSavedModel()
    {
        using var model = OnnxModels.Create("esmm", OnnxFeatureTests.AllKinds());
        string saved = Path.Combine(_folder, "model.safetensors");
        model.Save(saved);

        var proto = Export(model, out string path);
        using var session = new OnnxSession(path);
        var metadata = session.Metadata;

        Assert.Equal(OnnxExporter.OpsetVersion, Assert.Single(proto.OpsetImport).Version);
        Assert.Equal(OnnxExporter.IrVersion, proto.IrVersion);
        string[] List(string key) => JsonSerializer.Deserialize<string[]>(metadata[key])!;
        Assert.Equal(["click", "dwell"], List(OnnxMetadataKeys.TaskNames));
        Assert.Equal(["binary", "binary"], List(OnnxMetadataKeys.TaskTypes));
        Assert.Equal(model.Layout.FeatureNames, List(OnnxMetadataKeys.FeatureOrder));
        Assert.Equal(session.InputNames, List(OnnxMetadataKeys.FeatureOrder));
        string version = typeof(OnnxExporter).Assembly.GetName().Version!.ToString(3);
        Assert.Equal(version, metadata[OnnxMetadataKeys.Version].Split('+')[0]);
        string hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(saved)));
        Assert.Equal(hash, metadata[OnnxMetadataKeys.ModelHash]);
        var description = JsonDocument.Parse(metadata[OnnxMetadataKeys.ModelDescription]).RootElement;
        Assert.Equal("esmm", description.GetProperty("model_type").GetString());
    }

    [Fact]
    public void TheHashChangesWithTheWeights()
    {
        using var model = OnnxModels.Create("mmoe", OnnxFeatureTests.AllKinds());
        string before = ModelHash.Of(model);

        OnnxParity.Randomize(model);

        Assert.NotEqual(before, ModelHash.Of(model));
        Assert.Matches("^sha256:[0-9a-f]{64}$", before);
    }

    [SkippableTheory]
    [MemberData(nameof(OnnxFeatureTests.ModelTypes), MemberType = typeof(OnnxFeatureTests))]
    public void OnnxsCheckerAcceptsTheFile(string type)
    {
        PythonOnnxChecker.Require();
        using var model = OnnxModels.Create(type, OnnxFeatureTests.AllKinds(), "prelu", useBn: true);
        Export(model, out string path);

        var (code, output) = PythonOnnxChecker.Check(path);

        Assert.True(code == 0, $"onnx.checker rejected the {type} model: {output}");
    }

    [SkippableFact]
    public void OnnxsCheckerRejectsABrokenGraph()
    {
        PythonOnnxChecker.Require();
        using var model = OnnxModels.Create("sharedbottom", OnnxFeatureTests.AllKinds());
        var proto = Export(model, out string path);
        proto.Graph.Node[0].Input[0] = "no_such_value";
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(proto));

        Assert.NotEqual(0, PythonOnnxChecker.Check(path).Code);
    }

    [Fact]
    public void ACustomActivationIsRefusedNamingItAndLeavesAnExistingFileAlone()
    {
        var custom = DnnActivation.Custom("swish", _ => nn.SiLU());
        using var model = OnnxModels.Create("sharedbottom", OnnxFeatureTests.AllKinds(), custom);
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "the user's file");

        var error = Assert.Throws<OnnxExportException>(() => model.ExportOnnx(path));

        Assert.Contains("bottom_dnn.activation_layers.0", error.Message);
        Assert.Contains("SiLU", error.Message);
        Assert.Equal("the user's file", File.ReadAllText(path));
        Assert.Equal(["model.onnx"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
