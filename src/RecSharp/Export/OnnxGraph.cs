using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RecSharp.Export;

/// <summary>
/// Builds an ONNX graph node by node: graph inputs with a dynamic batch dimension, the model's weights as float32
/// initializers named by their state-dict key (their bytes copied from the tensors), small constants, operator nodes
/// with one output each, and the graph outputs.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The symbolic name of the batch dimension of every input and output.</summary>
    public const string BatchDimension = "batch";

    private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private int _nodes;

    /// <summary>Starts an empty graph.</summary>
    public OnnxGraph(string name) => Graph = new GraphProto { Name = name };

    /// <summary>The graph built so far.</summary>
    public GraphProto Graph { get; }

    /// <summary>
    /// Declares a graph input <c>[batch]</c> (no <paramref name="width"/>) or <c>[batch, width]</c>; returns its name.
    /// </summary>
    public string Input(string name, DataType type, long? width)
    {
        Graph.Input.Add(ValueInfo(name, type, width));
        return name;
    }

    /// <summary>
    /// Declares <paramref name="name"/>, the output of a node, as a graph output <c>[batch, width]</c>.
    /// </summary>
    public void Output(string name, long width) => Graph.Output.Add(ValueInfo(name, DataType.Float, width));

    /// <summary>
    /// A float32 weight as an initializer named <paramref name="key"/> (its state-dict key), holding the tensor's
    /// bytes unchanged; a key already added is reused.
    /// </summary>
    public string Weight(string key, Tensor tensor)
    {
        if (!_initializers.Add(key)) return key;
        if (tensor.dtype != ScalarType.Float32)
        {
            throw new OnnxExportException(
                $"weight \"{key}\" has dtype {tensor.dtype}; ONNX export writes float32 models only");
        }
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        var values = cpu.data<float>().ToArray();
        var proto = new TensorProto { Name = key, DataType = (int)DataType.Float };
        proto.Dims.AddRange(cpu.shape);
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        Graph.Initializer.Add(proto);
        return key;
    }

    /// <summary>A constant 1-D int64 tensor (axes, positions), added once per distinct value.</summary>
    public string Int64s(params long[] values)
    {
        string key = "int64:" + string.Join(',', values);
        return Constant(key, () =>
        {
            var proto = new TensorProto { DataType = (int)DataType.Int64 };
            proto.Dims.Add(values.Length);
            proto.Int64Data.AddRange(values);
            return proto;
        });
    }

    /// <summary>A constant int64 scalar.</summary>
    public string Int64(long value) => Constant("int64 scalar:" + value, () =>
    {
        var proto = new TensorProto { DataType = (int)DataType.Int64 };
        proto.Int64Data.Add(value);
        return proto;
    });

    /// <summary>A constant float32 scalar.</summary>
    public string Float(float value) => Constant("float scalar:" + BitConverter.SingleToInt32Bits(value), () =>
    {
        var proto = new TensorProto { DataType = (int)DataType.Float };
        proto.FloatData.Add(value);
        return proto;
    });

    /// <summary>
    /// Adds a node of operator <paramref name="op"/> with one output, named <paramref name="output"/> or after
    /// <paramref name="hint"/>; returns the output's name.
    /// </summary>
    public string Node(string op, string hint, IEnumerable<string> inputs,
        IEnumerable<AttributeProto>? attributes = null, string? output = null)
    {
        output ??= $"{hint}/{op}_{_nodes}";
        _nodes++;
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (attributes is not null) node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>An attribute holding a list of integers.</summary>
    public static AttributeProto IntsAttribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string Constant(string key, Func<TensorProto> create)
    {
        if (_constants.TryGetValue(key, out var name)) return name;
        var proto = create();
        proto.Name = name = $"recsharp.constant_{_constants.Count}";
        Graph.Initializer.Add(proto);
        _constants[key] = name;
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, long? width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        if (width is { } w) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = w });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
