using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Onnx;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Persistence;

namespace RecSharp.Export;

/// <summary>
/// Writes a multi-task model as a standard ONNX model (opset 17, IR version 8, so that ONNX 1.12's checker and
/// current ONNX Runtime both read it), built from the model's registered per-module structure with its weights copied
/// bit for bit: BatchNorm and Dice in eval form over their running statistics, dropout left out.
/// <para>
/// Inputs: one per model input, named after it, in the layout's order — sparse ids int64 <c>[batch]</c>, dense values
/// float32 <c>[batch, dimension]</c>, sequence ids int64 <c>[batch, maxLen]</c> (0 is padding unless the sequence has a
/// length input), sequence lengths int64 <c>[batch]</c>, sequence weights float32 <c>[batch, maxLen]</c>. Ids are the
/// ones the model embeds: vocabulary ids, or hashed buckets (<see cref="FeatureHasher"/>). Output: float32
/// <c>[batch, tasks]</c> named <c>predictions</c>, in the model's task order. The batch dimension is dynamic.
/// </para>
/// </summary>
internal static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph uses.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version written (that of ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The name of the graph's output.</summary>
    public const string OutputName = "predictions";

    // Protocol buffers cannot hold a message of 2 GiB; weights near that size would need ONNX's external data.
    private const long MaxWeightBytes = int.MaxValue - (64L << 20);

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> as ONNX, atomically (any previous file is replaced
    /// whole).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The ONNX file.</param>
    /// <param name="modelHash">
    /// The hash recorded in the metadata; by default <see cref="ModelHash.Of"/> the model.
    /// </param>
    public static void Export(MultiTaskModel model, string path, string? modelHash = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var proto = Build(model, modelHash);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    /// <summary>
    /// The ONNX model of <paramref name="model"/>, with <paramref name="modelHash"/> (by default the model's) in its
    /// metadata.
    /// </summary>
    internal static ModelProto Build(MultiTaskModel model, string? modelHash)
    {
        long weightBytes = model.state_dict().Values.Sum(t => t.NumberOfElements * t.ElementSize);
        if (weightBytes > MaxWeightBytes)
        {
            throw new OnnxExportException($"the model's weights take {weightBytes} bytes; an ONNX file holds at most "
                + "2 GiB without external data, which this exporter does not write");
        }
        var network = new OnnxNetwork(new OnnxGraph(ModelOptionsJson.TypeName(model)), new ModuleIndex(model));
        string dnnInput = InputWriter.Write(network, model.Layout);                            // (batch, DnnInputDim)
        // The head's last node is the output (batch, tasks), named predictions.
        _ = model switch
        {
            Ple ple => PleHeadWriter.Write(network, ple, dnnInput),
            Mmoe mmoe => MmoeHeadWriter.Write(network, mmoe, dnnInput),
            SharedBottom sharedBottom => SharedBottomHeadWriter.Write(network, sharedBottom, dnnInput),
            Esmm => EsmmHeadWriter.Write(network, dnnInput),
            _ => throw new OnnxExportException($"model type {model.GetType().Name} has no ONNX writer"),
        };
        network.Graph.Output(OutputName, model.Tasks.Count);
        RequireDistinctNames(network.Graph.Graph, model.Layout);
        return Model(network.Graph.Graph, model, modelHash ?? ModelHash.Of(model));
    }

    private static ModelProto Model(GraphProto graph, MultiTaskModel model, string modelHash)
    {
        string description = ModelArtifact.Metadata(model, null)[ModelArtifact.DescriptionKey];
        string version = JsonNode.Parse(description)!["library_version"]!.GetValue<string>();
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "RecSharp",
            ProducerVersion = version,
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        var metadata = new Dictionary<string, string>
        {
            [OnnxMetadataKeys.TaskNames] = JsonSerializer.Serialize(model.Tasks.Select(t => t.Name)),
            [OnnxMetadataKeys.TaskTypes] = JsonSerializer.Serialize(model.Tasks.Select(t => t.Type.Name())),
            [OnnxMetadataKeys.FeatureOrder] = JsonSerializer.Serialize(model.Layout.FeatureNames),
            [OnnxMetadataKeys.Version] = version,
            [OnnxMetadataKeys.ModelHash] = modelHash,
            [OnnxMetadataKeys.ModelDescription] = description,
        };
        foreach (var (key, value) in metadata)
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto;
    }

    // A feature named like a weight key or a node output would make the graph ambiguous.
    private static void RequireDistinctNames(GraphProto graph, FeatureLayout layout)
    {
        var produced = graph.Initializer.Select(i => i.Name).Concat(graph.Node.SelectMany(n => n.Output))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in layout.FeatureNames)
        {
            if (produced.Contains(name))
            {
                throw new OnnxExportException($"feature \"{name}\" has the name of a weight or value inside the ONNX "
                    + "graph; rename it to export the model");
            }
        }
    }
}
