using RecSharp.Features;
using static TorchSharp.torch;

namespace RecSharp.Inputs;

/// <summary>
/// A set of rows as tensors, one per named input of a <see cref="FeatureLayout"/>: sparse ids <c>int64 (rows)</c>,
/// dense values <c>float32 (rows, dimension)</c>, sequence ids <c>int64 (rows, maxLen)</c>, sequence lengths
/// <c>int64 (rows)</c>, sequence weights <c>float32 (rows, maxLen)</c>. A whole data set is converted once and
/// batches are taken from it by row index, so nothing is converted per batch.
/// </summary>
public sealed class TensorInputs : IDisposable
{
    private readonly Dictionary<string, Tensor> _tensors;

    /// <summary>
    /// Wraps already-validated tensors; every tensor must have <paramref name="rows"/> rows. Only the library creates
    /// inputs (users go through <see cref="InputConverter"/>), since the models rely on every id being within its
    /// vocabulary: the joined embedding lookup would otherwise read another table's row.
    /// </summary>
    internal TensorInputs(FeatureLayout layout, IReadOnlyDictionary<string, Tensor> tensors, long rows)
    {
        Layout = layout;
        Rows = rows;
        _tensors = new Dictionary<string, Tensor>(tensors, StringComparer.Ordinal);
    }

    /// <summary>The layout the tensors follow.</summary>
    public FeatureLayout Layout { get; }

    /// <summary>Number of rows.</summary>
    public long Rows { get; }

    /// <summary>The tensor of a named input.</summary>
    public Tensor this[string name] => _tensors[name];

    /// <summary>The tensor of a named input, or null when the layout has no such input.</summary>
    public Tensor? GetValueOrDefault(string name) => _tensors.GetValueOrDefault(name);

    /// <summary>The rows at <paramref name="rowIndex"/> (an <c>int64</c> index tensor), as new tensors.</summary>
    public TensorInputs Select(Tensor rowIndex)
    {
        var selected = _tensors.ToDictionary(kv => kv.Key, kv => kv.Value.index_select(0, rowIndex),
            StringComparer.Ordinal);
        return new TensorInputs(Layout, selected, rowIndex.shape[0]);
    }

    /// <summary>Rows <c>[start, start + length)</c>, as views that share storage with these tensors.</summary>
    public TensorInputs Narrow(long start, long length)
    {
        var views = _tensors.ToDictionary(kv => kv.Key, kv => kv.Value.narrow(0, start, length),
            StringComparer.Ordinal);
        return new TensorInputs(Layout, views, length);
    }

    /// <summary>Copies of these tensors on <paramref name="device"/>.</summary>
    public TensorInputs To(Device device)
    {
        var moved = _tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(device), StringComparer.Ordinal);
        return new TensorInputs(Layout, moved, Rows);
    }

    /// <summary>Moves every tensor out of the current dispose scope, so it survives the scope.</summary>
    public TensorInputs MoveToOuterDisposeScope()
    {
        foreach (var tensor in _tensors.Values) tensor.MoveToOuterDisposeScope();
        return this;
    }

    /// <summary>Detaches every tensor from all dispose scopes; the caller owns them.</summary>
    public TensorInputs DetachFromDisposeScope()
    {
        foreach (var tensor in _tensors.Values) tensor.DetachFromDisposeScope();
        return this;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _tensors.Values) tensor.Dispose();
        _tensors.Clear();
    }
}
