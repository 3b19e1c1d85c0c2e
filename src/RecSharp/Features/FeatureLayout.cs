namespace RecSharp.Features;

/// <summary>
/// The inputs a list of feature columns expects, in the reference's order (its <c>build_input_features</c> and
/// <c>get_feature_names</c>): each feature in column order, a sequence's length column right after it, then
/// (beyond the reference) its weight column. Also checks that columns sharing an embedding table agree on it.
/// </summary>
public sealed class FeatureLayout
{
    private readonly Dictionary<string, InputSlot> _byName;

    /// <summary>Builds and validates the layout of <paramref name="columns"/>.</summary>
    public FeatureLayout(IEnumerable<FeatureColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns.ToArray();
        if (Columns.Count == 0)
            throw new ArgumentException("at least one feature column is needed", nameof(columns));
        var slots = new List<InputSlot>();
        _byName = new Dictionary<string, InputSlot>(StringComparer.Ordinal);
        int start = 0;
        void Add(string name, int width, InputSlotKind kind, FeatureColumn column)
        {
            var slot = new InputSlot(name, start, start + width, kind, column);
            if (!_byName.TryAdd(name, slot))
                throw new ArgumentException($"feature \"{name}\" is declared more than once", nameof(columns));
            slots.Add(slot);
            start += width;
        }
        foreach (var column in Columns)
        {
            switch (column)
            {
                case SparseFeat sparse:
                    Add(sparse.Name, 1, InputSlotKind.SparseIds, sparse);
                    break;
                case DenseFeat dense:
                    Add(dense.Name, dense.Dimension, InputSlotKind.DenseValues, dense);
                    break;
                case VarLenSparseFeat sequence:
                    Add(sequence.Name, sequence.MaxLen, InputSlotKind.SequenceIds, sequence);
                    if (sequence.LengthName is { } length) Add(length, 1, InputSlotKind.SequenceLength, sequence);
                    if (sequence.WeightName is { } weight)
                        Add(weight, sequence.MaxLen, InputSlotKind.SequenceWeights, sequence);
                    break;
                default:
                    throw new ArgumentException(
                        $"feature \"{column.Name}\" has an unsupported column type {column.GetType().Name}",
                        nameof(columns));
            }
        }
        Slots = slots;
        TotalWidth = start;
        EmbeddingTables = CollectTables(Columns);
        SparseColumns = Columns.OfType<SparseFeat>().ToArray();
        SequenceColumns = Columns.OfType<VarLenSparseFeat>().ToArray();
        DenseColumns = Columns.OfType<DenseFeat>().ToArray();
        DnnInputDim = SparseColumns.Sum(c => c.EmbeddingDim) + SequenceColumns.Sum(c => c.EmbeddingDim)
            + DenseColumns.Sum(c => c.Dimension);
    }

    /// <summary>The columns, in the order given.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>Every named input in order.</summary>
    internal IReadOnlyList<InputSlot> Slots { get; }

    /// <summary>The names of every input in order (the reference's <c>get_feature_names</c>).</summary>
    public IReadOnlyList<string> FeatureNames => Slots.Select(s => s.Name).ToArray();

    /// <summary>Width of the reference's flat input row.</summary>
    public int TotalWidth { get; }

    /// <summary>The embedding tables by name: vocabulary size and dimension, in order of first use.</summary>
    internal IReadOnlyList<EmbeddingTableSpec> EmbeddingTables { get; }

    /// <summary>Sparse columns in order.</summary>
    public IReadOnlyList<SparseFeat> SparseColumns { get; }

    /// <summary>Sequence columns in order.</summary>
    public IReadOnlyList<VarLenSparseFeat> SequenceColumns { get; }

    /// <summary>Dense columns in order.</summary>
    public IReadOnlyList<DenseFeat> DenseColumns { get; }

    /// <summary>
    /// Width of the network input: every sparse embedding, then every pooled sequence, then every dense value
    /// (the reference's <c>compute_input_dim</c> and <c>combined_dnn_input</c> order).
    /// </summary>
    public int DnnInputDim { get; }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the feature when a batch of <paramref name="rows"/> rows would
    /// make a tensor larger than <see cref="TensorSizeLimit.MaxBytes"/>: a sequence's embeddings
    /// <c>(rows, maxLen, dim)</c> or the network input <c>(rows, DnnInputDim)</c>.
    /// </summary>
    public void RequireBatchFits(long rows)
    {
        foreach (var sequence in SequenceColumns)
        {
            string subject = $"feature \"{sequence.Name}\": the embedded sequences of a batch of {rows} rows";
            TensorSizeLimit.RequireFloat32(subject, "lower the batch size or maxLen",
                rows, sequence.MaxLen, sequence.EmbeddingDim);
        }
        TensorSizeLimit.RequireFloat32($"the network input of a batch of {rows} rows", "lower the batch size",
            rows, DnnInputDim);
    }

    /// <summary>The slot of an input, or an error naming it.</summary>
    internal InputSlot this[string name] =>
        _byName.TryGetValue(name, out var slot) ? slot
            : throw new KeyNotFoundException($"no input named \"{name}\" in the layout");

    /// <summary>Whether an input of that name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    private static EmbeddingTableSpec[] CollectTables(IEnumerable<FeatureColumn> columns)
    {
        var tables = new List<EmbeddingTableSpec>();
        foreach (var column in columns)
        {
            SparseFeat? sparse = column switch { SparseFeat s => s, VarLenSparseFeat v => v.SparseFeat, _ => null };
            if (sparse is null) continue;
            var existing = tables.Find(t => t.Name == sparse.EmbeddingName);
            if (existing is null)
            {
                tables.Add(new EmbeddingTableSpec(sparse.EmbeddingName, sparse.VocabularySize, sparse.EmbeddingDim));
            }
            else if (existing.VocabularySize != sparse.VocabularySize || existing.Dim != sparse.EmbeddingDim)
            {
                throw new ArgumentException(
                    $"feature \"{column.Name}\" shares embedding table \"{sparse.EmbeddingName}\" but declares " +
                        $"{sparse.VocabularySize}x{sparse.EmbeddingDim}, " +
                    $"while the table is {existing.VocabularySize}x{existing.Dim}", nameof(columns));
            }
        }
        return tables.ToArray();
    }
}
