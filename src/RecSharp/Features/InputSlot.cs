namespace RecSharp.Features;

/// <summary>What one named input of the layout holds.</summary>
internal enum InputSlotKind
{
    /// <summary>One id per row of a <see cref="SparseFeat"/>.</summary>
    SparseIds,
    /// <summary><c>Dimension</c> values per row of a <see cref="DenseFeat"/>.</summary>
    DenseValues,
    /// <summary><c>MaxLen</c> ids per row of a <see cref="VarLenSparseFeat"/>.</summary>
    SequenceIds,
    /// <summary>The valid length of each row of a sequence.</summary>
    SequenceLength,
    /// <summary><c>MaxLen</c> weights per row of a sequence.</summary>
    SequenceWeights,
}

/// <summary>One named input: its span <c>[Start, End)</c> in the reference's flat layout, its kind and its
/// column.</summary>
/// <param name="Name">The input's name (a feature, or a sequence's length or weight column).</param>
/// <param name="Start">First position in the flat layout.</param>
/// <param name="End">One past the last position.</param>
/// <param name="Kind">What the input holds.</param>
/// <param name="Column">The feature the input belongs to.</param>
internal sealed record InputSlot(string Name, int Start, int End, InputSlotKind Kind, FeatureColumn Column)
{
    /// <summary>Values per row.</summary>
    public int Width => End - Start;
}
