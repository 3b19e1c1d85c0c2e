using RecSharp.Features;
using static TorchSharp.torch;

namespace RecSharp.Inputs;

/// <summary>
/// Rows of a layout without sequences as two tensors instead of one per input: every sparse column's ids
/// <c>int64 (rows, sparse columns)</c> and every dense column's values side by side <c>float32 (rows, Σ dense
/// dimensions)</c>, both in layout order. Prediction reads them in a few operations, where the named form takes a
/// tensor per input; the values are those of <see cref="TensorInputs"/>, validated the same way.
/// </summary>
internal sealed class PackedInputs : IDisposable
{
    /// <summary>Wraps already-validated tensors of <paramref name="rows"/> rows.</summary>
    public PackedInputs(Tensor sparseIds, Tensor denseValues, long rows)
    {
        SparseIds = sparseIds;
        DenseValues = denseValues;
        Rows = rows;
    }

    /// <summary>Whether rows of <paramref name="layout"/> can be packed: it has no sequence columns.</summary>
    public static bool Supports(FeatureLayout layout) => layout.SequenceColumns.Count == 0;

    /// <summary>The sparse ids, <c>int64 (rows, sparse columns)</c>.</summary>
    public Tensor SparseIds { get; }

    /// <summary>The dense values, <c>float32 (rows, Σ dense dimensions)</c>.</summary>
    public Tensor DenseValues { get; }

    /// <summary>Number of rows.</summary>
    public long Rows { get; }

    /// <summary>Rows <c>[start, start + length)</c>, as views that share storage with these tensors.</summary>
    public PackedInputs Narrow(long start, long length) =>
        new(SparseIds.narrow(0, start, length), DenseValues.narrow(0, start, length), length);

    /// <summary>Copies of these tensors on <paramref name="device"/>.</summary>
    public PackedInputs To(Device device) => new(SparseIds.to(device), DenseValues.to(device), Rows);

    /// <inheritdoc />
    public void Dispose()
    {
        SparseIds.Dispose();
        DenseValues.Dispose();
    }
}
