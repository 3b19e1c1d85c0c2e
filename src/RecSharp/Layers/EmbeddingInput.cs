using RecSharp.Features;
using RecSharp.Inputs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers;

/// <summary>
/// Turns a batch of <see cref="TensorInputs"/> into the network's input vector, as the reference's
/// <c>input_from_feature_columns</c> + <c>combined_dnn_input</c>: every sparse feature's embedding, then every
/// sequence's pooled embedding, then every dense value, concatenated. Owns the embedding tables, one per
/// <c>embeddingName</c>, initialised <c>normal(0, initStd)</c>; a model registers <see cref="Tables"/> as
/// <c>embedding_dict</c>.
/// <para>
/// When every sparse column has the same width (and there are several), their lookups are one: the tables they read
/// are concatenated and each column's ids shifted by its table's first row, so a batch costs one gather and one
/// scatter of gradients instead of one per column; the values and gradients are the per-table ones. Ids must be
/// within their vocabulary, as <see cref="InputConverter"/> guarantees.
/// </para>
/// </summary>
internal sealed class EmbeddingInput
{
    private readonly string[]? _joinedTables;        // the tables the sparse columns read, each once, in order
    private readonly long[]? _rowOffsets;            // per sparse column: the first row of its table in the join
    private readonly Dictionary<(DeviceType, int), Tensor> _offsets = [];
    /// <summary>Creates the tables for <paramref name="layout"/>.</summary>
    public EmbeddingInput(FeatureLayout layout, double initStd)
    {
        Layout = layout;
        var tables = layout.EmbeddingTables
            .Select(t => (t.Name, (Embedding)nn.Embedding(t.VocabularySize, t.Dim)))
            .ToArray();
        Tables = nn.ModuleDict(tables);
        using (no_grad())
            foreach (var (_, table) in tables) nn.init.normal_(table.weight!, 0, initStd);
        var sparse = layout.SparseColumns;
        if (sparse.Count > 1 && sparse.All(c => c.EmbeddingDim == sparse[0].EmbeddingDim))
        {
            _joinedTables = sparse.Select(c => c.EmbeddingName).Distinct().ToArray();
            var firstRows = new Dictionary<string, long>(StringComparer.Ordinal);
            long rows = 0;
            foreach (var name in _joinedTables)
            {
                firstRows[name] = rows;
                rows += layout.EmbeddingTables.First(t => t.Name == name).VocabularySize;
            }
            _rowOffsets = sparse.Select(c => firstRows[c.EmbeddingName]).ToArray();
        }
    }

    /// <summary>Whether the sparse columns are looked up in one joined table (false forces one lookup per column; the tests compare the two).</summary>
    internal bool JoinLookups { get; set; } = true;

    /// <summary>The layout the input follows.</summary>
    public FeatureLayout Layout { get; }

    /// <summary>The embedding tables by name.</summary>
    public ModuleDict<Embedding> Tables { get; }

    /// <summary>Width of the vector <see cref="Forward"/> returns.</summary>
    public long OutputDim => Layout.DnnInputDim;

    /// <summary>Builds the network input <c>(batch, OutputDim)</c>.</summary>
    public Tensor Forward(TensorInputs x)
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        if (_joinedTables is not null && JoinLookups)
            parts.Add(JoinedLookup(x));                                                    // (batch, columns · dim)
        else
            foreach (var sparse in Layout.SparseColumns)
                parts.Add(Tables[sparse.EmbeddingName].forward(x[sparse.Name]));           // (batch, dim)
        foreach (var sequence in Layout.SequenceColumns)
            parts.Add(PoolSequence(sequence, x));                                          // (batch, dim)
        foreach (var dense in Layout.DenseColumns)
            parts.Add(x[dense.Name]);                                                      // (batch, dimension)
        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    private Tensor JoinedLookup(TensorInputs x)
    {
        var sparse = Layout.SparseColumns;
        var table = cat(_joinedTables!.Select(name => (Tensor)Tables[name].weight!).ToArray(), 0); // (Σ rows, dim)
        var ids = stack(sparse.Select(c => x[c.Name]).ToArray(), 1) + RowOffsets(table.device); // (batch, columns)
        return table.index_select(0, ids.view(-1)).view(ids.shape[0], -1);                // (batch, columns · dim)
    }

    private Tensor RowOffsets(Device device)
    {
        lock (_offsets)
        {
            var key = (device.type, device.index);
            if (!_offsets.TryGetValue(key, out var offsets))
                _offsets[key] = offsets = tensor(_rowOffsets!, device: device).DetachFromDisposeScope();
            return offsets;
        }
    }

    private Tensor PoolSequence(VarLenSparseFeat sequence, TensorInputs x)
    {
        var ids = x[sequence.Name];                                                        // (batch, maxLen)
        var embedded = Tables[sequence.EmbeddingName].forward(ids);                        // (batch, maxLen, dim)
        var mask = sequence.LengthName is { } lengthName
            ? SequencePooling.LengthMask(x[lengthName], sequence.MaxLen)
            : ids.ne(0).to_type(ScalarType.Float32);                                       // (batch, maxLen)
        Tensor? weights = null;
        if (sequence.WeightName is { } weightName)
            weights = sequence.WeightNorm ? SequencePooling.NormalizeWeights(x[weightName], mask) : x[weightName];
        return SequencePooling.Pool(embedded, mask, sequence.Combiner, weights);
    }
}
