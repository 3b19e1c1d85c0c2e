namespace RecSharp.Features;

/// <summary>
/// An embedding size: a positive number, or <c>"auto"</c>, which means <c>6 * floor(vocabularySize^0.25)</c>
/// as in the reference. Converts implicitly from <see cref="int"/> and from the string <c>"auto"</c>.
/// </summary>
public readonly record struct EmbeddingDim
{
    private readonly int _value;

    private EmbeddingDim(int value, bool isAuto)
    {
        _value = value;
        IsAuto = isAuto;
    }

    /// <summary>The automatic size, chosen from the vocabulary size.</summary>
    public static EmbeddingDim Auto => new(0, true);

    /// <summary>True for <see cref="Auto"/>.</summary>
    public bool IsAuto { get; }

    /// <summary>A fixed size.</summary>
    public static implicit operator EmbeddingDim(int value) => new(value, false);

    /// <summary>Accepts <c>"auto"</c> (or a number written as text).</summary>
    public static implicit operator EmbeddingDim(string value)
    {
        if (string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        if (int.TryParse(value, out int fixedSize)) return fixedSize;
        throw new ArgumentException($"embedding dimension \"{value}\" must be a positive integer or \"auto\"", nameof(value));
    }

    /// <summary>The size for a table of <paramref name="vocabularySize"/> rows.</summary>
    public int Resolve(int vocabularySize) =>
        IsAuto ? 6 * (int)Math.Floor(Math.Pow(vocabularySize, 0.25)) : _value;

    /// <inheritdoc />
    public override string ToString() => IsAuto ? "auto" : _value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
