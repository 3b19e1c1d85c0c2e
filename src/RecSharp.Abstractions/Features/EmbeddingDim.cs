using System.Text.Json.Serialization;

namespace RecSharp.Features;

/// <summary>
/// An embedding size: a positive number, or <c>"auto"</c>, which means <c>6 * floor(vocabularySize^0.25)</c>
/// as in the reference. Converts implicitly from <see cref="int"/> and from the string <c>"auto"</c>; JSON writes it
/// as a number or <c>"auto"</c>.
/// </summary>
[JsonConverter(typeof(EmbeddingDimJsonConverter))]
public readonly record struct EmbeddingDim
{
    private EmbeddingDim(int value, bool isAuto)
    {
        Value = value;
        IsAuto = isAuto;
    }

    /// <summary>The automatic size, chosen from the vocabulary size.</summary>
    public static EmbeddingDim Auto => new(0, true);

    /// <summary>The reference's default size, 4.</summary>
    public static EmbeddingDim Default => new(4, false);

    /// <summary>True for <see cref="Auto"/>.</summary>
    public bool IsAuto { get; }

    /// <summary>The fixed size, or 0 for <see cref="Auto"/>.</summary>
    public int Value { get; }

    /// <summary>A fixed size; a size below 1 is an <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static EmbeddingDim Fixed(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return new EmbeddingDim(value, false);
    }

    /// <summary>A fixed size (checked where the feature is declared).</summary>
    public static implicit operator EmbeddingDim(int value) => new(value, false);

    /// <summary>Accepts <c>"auto"</c> (or a number written as text).</summary>
    public static implicit operator EmbeddingDim(string value)
    {
        if (string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        if (int.TryParse(value, out int fixedSize)) return fixedSize;
        throw new ArgumentException($"embedding dimension \"{value}\" must be a positive integer or \"auto\"",
            nameof(value));
    }

    /// <summary>The size for a table of <paramref name="vocabularySize"/> rows.</summary>
    public int Resolve(int vocabularySize) =>
        IsAuto ? 6 * (int)Math.Floor(Math.Pow(vocabularySize, 0.25)) : Value;

    /// <inheritdoc />
    public override string ToString() =>
        IsAuto ? "auto" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
