using RecSharp.Features;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RecSharp.Export;

/// <summary>
/// Declares one graph input per model input, in the layout's order and named after it — sparse ids int64
/// <c>[batch]</c>, dense values float32 <c>[batch, dimension]</c>, sequence ids int64 <c>[batch, maxLen]</c>,
/// sequence lengths int64 <c>[batch]</c>, sequence weights float32 <c>[batch, maxLen]</c> — and writes the network
/// input as <see cref="Layers.EmbeddingInput"/> builds it: every sparse embedding, every pooled sequence, every dense
/// value.
/// </summary>
internal static class InputWriter
{
    /// <summary>The network input <c>(batch, DnnInputDim)</c>.</summary>
    public static string Write(OnnxNetwork network, FeatureLayout layout)
    {
        foreach (var slot in layout.Slots)
        {
            var (type, width) = slot.Kind switch
            {
                InputSlotKind.SparseIds or InputSlotKind.SequenceLength => (DataType.Int64, (long?)null),
                InputSlotKind.SequenceIds => (DataType.Int64, slot.Width),
                _ => (DataType.Float, slot.Width),
            };
            network.Graph.Input(slot.Name, type, width);
        }
        var parts = new List<string>();
        foreach (var sparse in layout.SparseColumns)
            parts.Add(Lookup(network, sparse.EmbeddingName, sparse.Name));                     // (batch, dim)
        foreach (var sequence in layout.SequenceColumns)
        {
            string embedded = Lookup(network, sequence.EmbeddingName, sequence.Name);          // (batch, maxLen, dim)
            parts.Add(SequencePoolingWriter.Write(network, sequence, embedded));               // (batch, dim)
        }
        parts.AddRange(layout.DenseColumns.Select(dense => dense.Name));                       // (batch, dimension)
        return parts.Count == 1
            ? parts[0]
            : network.Graph.Node("Concat", "embedding_dict", parts, [OnnxGraph.IntAttribute("axis", 1)]);
    }

    // The rows of table `embedding_dict.<table>` at the ids: (batch, dim) for (batch) ids, (batch, maxLen, dim) for
    // sequences.
    private static string Lookup(OnnxNetwork network, string table, string ids)
    {
        string path = $"embedding_dict.{table}";
        string weights = network.Weight(path, "weight");                                       // (rows, dim)
        return network.Graph.Node("Gather", path, [weights, ids], [OnnxGraph.IntAttribute("axis", 0)]);
    }
}
