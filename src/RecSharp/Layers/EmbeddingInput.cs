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
/// </summary>
public sealed class EmbeddingInput
{
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
    }

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
        foreach (var sparse in Layout.SparseColumns)
            parts.Add(Tables[sparse.EmbeddingName].forward(x[sparse.Name]));               // (batch, dim)
        foreach (var sequence in Layout.SequenceColumns)
            parts.Add(PoolSequence(sequence, x));                                          // (batch, dim)
        foreach (var dense in Layout.DenseColumns)
            parts.Add(x[dense.Name]);                                                      // (batch, dimension)
        return cat(parts, 1).MoveToOuterDisposeScope();
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
