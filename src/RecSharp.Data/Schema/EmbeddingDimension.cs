using System.Text.Json.Serialization;

namespace RecSharp.Data.Schema;

/// <summary>
/// The embedding size of a categorical feature: either a fixed positive integer or <c>auto</c>,
/// which is resolved from the vocabulary size as <c>6 × ⌊vocabularySize^0.25⌋</c>.
/// </summary>
[JsonConverter(typeof(EmbeddingDimensionJsonConverter))]
public readonly record struct EmbeddingDimension
{
    private EmbeddingDimension(int value, bool isAuto)
    {
        Value = value;
        IsAuto = isAuto;
    }

    /// <summary>The fixed dimension, or 0 when <see cref="IsAuto"/> is true.</summary>
    public int Value { get; }

    /// <summary>True when the dimension is derived from the vocabulary size.</summary>
    public bool IsAuto { get; }

    /// <summary>The dimension derived from the vocabulary size.</summary>
    public static EmbeddingDimension Auto { get; } = new(0, true);

    /// <summary>The default dimension, 4.</summary>
    public static EmbeddingDimension Default { get; } = new(4, false);

    /// <summary>A fixed dimension.</summary>
    /// <param name="value">A positive number of embedding components.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="value"/> is not positive.</exception>
    public static EmbeddingDimension Fixed(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return new EmbeddingDimension(value, false);
    }

    /// <summary>The concrete dimension for a feature with the given vocabulary size.</summary>
    /// <param name="vocabularySize">The number of distinct ids the feature can take, padding included.</param>
    public int Resolve(int vocabularySize)
    {
        if (!IsAuto)
        {
            return Value;
        }

        return 6 * Math.Max(1, (int)Math.Floor(Math.Pow(Math.Max(1, vocabularySize), 0.25)));
    }

    /// <summary>The configuration spelling: the number, or <c>auto</c>.</summary>
    public override string ToString() => IsAuto ? "auto" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
