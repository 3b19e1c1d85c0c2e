using RecSharp.Features;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RecSharp.Export;

/// <summary>
/// Writes the pooling of a sequence's embeddings as <see cref="Layers.SequencePooling"/> computes it: the mask (ids
/// other than 0, or the first <c>length</c> positions), the optional weights (softmax-normalised over the valid
/// positions when asked), then <c>sum</c>, <c>mean</c> or <c>max</c> over the valid positions.
/// </summary>
internal static class SequencePoolingWriter
{
    private const float MeanEpsilon = 1e-8f;
    private const float PaddingShift = 1e9f;

    /// <summary>
    /// Pools <paramref name="embedded"/> <c>(batch, maxLen, dim)</c> of <paramref name="sequence"/> into <c>(batch,
    /// dim)</c>.
    /// </summary>
    public static string Write(OnnxNetwork network, VarLenSparseFeat sequence, string embedded)
    {
        var graph = network.Graph;
        string hint = sequence.Name;
        string mask = Mask(network, sequence);                                                 // (batch, maxLen) of 0/1
        string values = embedded;
        if (sequence.WeightName is { } weightName)
        {
            string weights = sequence.WeightNorm ? NormalizedWeights(network, hint, weightName, mask) : weightName;
            values = network.Node("Mul", hint, embedded, network.Node("Unsqueeze", hint, weights, graph.Int64s(2)));
        }
        string mask3 = network.Node("Unsqueeze", hint, mask, graph.Int64s(2));                  // (batch, maxLen, 1)
        string axis = graph.Int64s(1);
        switch (sequence.Combiner)
        {
            case "sum":
                return Sum(network, hint, network.Node("Mul", hint, values, mask3), axis, keepDims: false);
            case "mean":
            {
                string sum = Sum(network, hint, network.Node("Mul", hint, values, mask3), axis, keepDims: false);
                string count = Sum(network, hint, mask, axis, keepDims: true);                 // (batch, 1)
                return network.Node("Div", hint, sum, network.Node("Add", hint, count, graph.Float(MeanEpsilon)));
            }
            case "max":
            {
                string notValid = network.Node("Sub", hint, graph.Float(1f), mask3);
                string padding = network.Node("Mul", hint, notValid, graph.Float(PaddingShift));   // padding far below
                string best = graph.Node("ReduceMax", hint, [network.Node("Sub", hint, values, padding)],
                    [OnnxGraph.IntsAttribute("axes", 1), OnnxGraph.IntAttribute("keepdims", 0)]);   // (batch, dim)
                string count = Sum(network, hint, mask, axis, keepDims: true);                 // (batch, 1)
                string any = network.Node("Greater", hint, count, graph.Float(0f));
                return network.Node("Where", hint, any, best, graph.Float(0f));
            }
            default:
                throw new OnnxExportException(
                    $"feature \"{sequence.Name}\": combiner \"{sequence.Combiner}\" has no ONNX form");
        }
    }

    // 1 at valid positions: ids other than 0, or positions before the row's length.
    private static string Mask(OnnxNetwork network, VarLenSparseFeat sequence)
    {
        var graph = network.Graph;
        string hint = sequence.Name;
        string valid;
        if (sequence.LengthName is { } lengthName)
        {
            string positions = graph.Int64s(Enumerable.Range(0, sequence.MaxLen).Select(p => (long)p).ToArray());
            valid = network.Node("Less", hint, positions, network.Node("Unsqueeze", hint, lengthName, graph.Int64s(1)));
        }
        else
        {
            valid = network.Node("Not", hint, network.Node("Equal", hint, sequence.Name, graph.Int64(0)));
        }
        return graph.Node("Cast", hint, [valid], [OnnxGraph.IntAttribute("to", (long)DataType.Float)]);
    }

    // Softmax of the weights over the valid positions; a row without any gets zeros (the softmax of −∞ alone is NaN).
    private static string NormalizedWeights(OnnxNetwork network, string hint, string weights, string mask)
    {
        var graph = network.Graph;
        string padding = network.Node("Equal", hint, mask, graph.Float(0f));
        string masked = network.Node("Where", hint, padding, graph.Float(float.NegativeInfinity), weights);
        string softmax = graph.Node("Softmax", hint, [masked], [OnnxGraph.IntAttribute("axis", 1)]);
        return network.Node("Where", hint, network.Node("IsNaN", hint, softmax), graph.Float(0f), softmax);
    }

    private static string Sum(OnnxNetwork network, string hint, string input, string axes, bool keepDims) =>
        network.Graph.Node("ReduceSum", hint, [input, axes], [OnnxGraph.IntAttribute("keepdims", keepDims ? 1 : 0)]);
}
