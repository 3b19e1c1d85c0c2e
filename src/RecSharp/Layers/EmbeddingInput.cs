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
/// <c>embeddingName</c>, initialised <c>normal(0, initStd)</c> and registered under its name, so a model that
/// registers the input as <c>embedding_dict</c> holds the reference's keys <c>embedding_dict.&lt;table&gt;.weight</c>.
/// <para>
/// When every sparse column has the same width (and there are several), their lookups are one: the tables they read
/// are concatenated and each column's ids shifted by its table's first row, so a batch costs one gather and one
/// scatter of gradients instead of one per column; the values and gradients are the per-table ones. Ids must be
/// within their vocabulary, as <see cref="InputConverter"/> guarantees.
/// </para>
/// </summary>
internal sealed class EmbeddingInput : nn.Module<TensorInputs, Tensor>
{
    private readonly string[]? _joinedTables;        // the tables the sparse columns read, each once, in order
    private readonly long[]? _rowOffsets;            // per sparse column: the first row of its table in the join
    private readonly Dictionary<(DeviceType, int), Tensor> _offsets = [];
    private readonly Dictionary<string, Embedding> _tables = new(StringComparer.Ordinal);

    /// <summary>Creates the tables for <paramref name="layout"/>.</summary>
    public EmbeddingInput(FeatureLayout layout, double initStd) : base(nameof(EmbeddingInput))
    {
        Layout = layout;
        foreach (var spec in layout.EmbeddingTables)
        {
            var table = nn.Embedding(spec.VocabularySize, spec.Dim);
            _tables[spec.Name] = table;
            register_module(spec.Name, table);
        }
        using (no_grad())
            foreach (var spec in layout.EmbeddingTables) nn.init.normal_(Table(spec.Name).weight!, 0, initStd);
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

    /// <summary>The tensors of the input for <paramref name="layout"/>: <c>&lt;table&gt;.weight</c>.</summary>
    internal static StateShapes Shapes(FeatureLayout layout)
    {
        var shapes = new StateShapes();
        foreach (var table in layout.EmbeddingTables)
            shapes.Add($"{table.Name}.weight", table.VocabularySize, table.Dim);
        return shapes;
    }

    /// <summary>Whether the sparse columns are looked up in one joined table (false forces one lookup per column; the
    /// tests compare the two).</summary>
    internal bool JoinLookups { get; set; } = true;

    /// <summary>The layout the input follows.</summary>
    public FeatureLayout Layout { get; }

    /// <summary>The embedding table named <paramref name="name"/>.</summary>
    public Embedding Table(string name) => _tables[name];

    /// <summary>Width of the vector <see cref="forward"/> returns.</summary>
    public long OutputDim => Layout.DnnInputDim;

    /// <summary>Builds the network input <c>(batch, OutputDim)</c>.</summary>
    public override Tensor forward(TensorInputs x)
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        if (_joinedTables is not null && JoinLookups)
        {
            var ids = stack(Layout.SparseColumns.Select(c => x[c.Name]).ToArray(), 1);     // (batch, columns)
            parts.Add(JoinedLookup(ids));                                                  // (batch, columns · dim)
        }
        else
        {
            foreach (var sparse in Layout.SparseColumns)
                parts.Add(Table(sparse.EmbeddingName).forward(x[sparse.Name]));           // (batch, dim)
        }
        foreach (var sequence in Layout.SequenceColumns)
            parts.Add(PoolSequence(sequence, x));                                          // (batch, dim)
        foreach (var dense in Layout.DenseColumns)
            parts.Add(x[dense.Name]);                                                      // (batch, dimension)
        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Builds the network input <c>(batch, OutputDim)</c> from packed rows (a layout without sequences): the same
    /// values as <see cref="forward"/> gives for the same rows, in fewer operations.
    /// </summary>
    public Tensor Forward(PackedInputs x)
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>(Layout.SparseColumns.Count + 1);
        if (_joinedTables is not null && JoinLookups)
        {
            parts.Add(JoinedLookup(x.SparseIds));                                          // (batch, columns · dim)
        }
        else
        {
            for (int c = 0; c < Layout.SparseColumns.Count; c++)
            {
                var sparse = Layout.SparseColumns[c];
                parts.Add(Table(sparse.EmbeddingName).forward(x.SparseIds.select(1, c)));  // (batch, dim)
            }
        }
        parts.Add(x.DenseValues);                                                          // (batch, Σ dimensions)
        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    // ids: (batch, sparse columns), each within its own table.
    private Tensor JoinedLookup(Tensor ids)
    {
        var table = cat(_joinedTables!.Select(name => (Tensor)Table(name).weight!).ToArray(), 0); // (Σ rows, dim)
        var shifted = ids + RowOffsets(table.device);                                       // (batch, columns)
        return table.index_select(0, shifted.view(-1)).view(shifted.shape[0], -1);         // (batch, columns · dim)
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
        var embedded = Table(sequence.EmbeddingName).forward(ids);                        // (batch, maxLen, dim)
        var mask = sequence.LengthName is { } lengthName
            ? SequencePooling.LengthMask(x[lengthName], sequence.MaxLen)
            : ids.ne(0).to_type(ScalarType.Float32);                                       // (batch, maxLen)
        Tensor? weights = null;
        if (sequence.WeightName is { } weightName)
            weights = sequence.WeightNorm ? SequencePooling.NormalizeWeights(x[weightName], mask) : x[weightName];
        return SequencePooling.Pool(embedded, mask, sequence.Combiner, weights);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_offsets)
            {
                foreach (var offsets in _offsets.Values) offsets.Dispose();
                _offsets.Clear();
            }
        }
        base.Dispose(disposing);
    }
}
