namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// A parsed header: the metadata map and the declared tensors in header order.
/// </summary>
/// <param name="Metadata">The <c>__metadata__</c> map, empty when absent.</param>
/// <param name="Tensors">The declared tensors.</param>
internal sealed record SafeTensorsHeader(IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<TensorHeader> Tensors);
