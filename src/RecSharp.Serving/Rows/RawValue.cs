namespace RecSharp.Serving.Rows;

/// <summary>What a field of a raw row holds, before the fitted preprocessing reads it.</summary>
internal enum RawValueKind
{
    /// <summary>No value (JSON null): the feature's missing-value handling applies.</summary>
    Missing,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A number, with the text it was written as.</summary>
    Number,

    /// <summary>Something no feature reads (a boolean, an object, an array); the text describes it.</summary>
    Unsupported,
}

/// <summary>One field of a raw row.</summary>
/// <param name="Kind">What the field holds.</param>
/// <param name="Text">The text; for a number, as it was written; for an unsupported value, what it is.</param>
/// <param name="Number">The number, for <see cref="RawValueKind.Number"/> (infinite when it overflows a
/// double).</param>
internal readonly record struct RawValue(RawValueKind Kind, string? Text, double Number)
{
    /// <summary>A missing value.</summary>
    public static RawValue Missing => new(RawValueKind.Missing, null, double.NaN);

    /// <summary>A text value.</summary>
    public static RawValue OfText(string text) => new(RawValueKind.Text, text, double.NaN);

    /// <summary>A number and the text it was written as.</summary>
    public static RawValue OfNumber(double number, string text) => new(RawValueKind.Number, text, number);

    /// <summary>A value of a kind no feature reads, described for the error message.</summary>
    public static RawValue Unsupported(string description) => new(RawValueKind.Unsupported, description, double.NaN);
}
