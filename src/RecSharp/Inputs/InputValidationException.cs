namespace RecSharp.Inputs;

/// <summary>
/// Bad input data, reported before anything reaches libtorch. <see cref="Feature"/>, <see cref="Row"/> and
/// <see cref="Value"/> locate the problem; the message says it in words.
/// </summary>
public sealed class InputValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InputValidationException(string message, string? feature = null, long? row = null, object? value = null)
        : base(message)
    {
        Feature = feature;
        Row = row;
        Value = value;
    }

    /// <summary>The feature (or label) concerned, if any.</summary>
    public string? Feature { get; }

    /// <summary>The zero-based row concerned, if any.</summary>
    public long? Row { get; }

    /// <summary>The offending value, if any.</summary>
    public object? Value { get; }
}
