namespace RecSharp.Serving;

/// <summary>One input of a served model.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Kind">
/// <c>sparse</c>, <c>hashed</c>, <c>dense</c> or <c>sequence</c>; for a sequence's extra inputs,
/// <c>sequence_length</c> or <c>sequence_weights</c>.
/// </param>
/// <param name="Width">Values per row: 1 for ids, the dimension of dense values, maxLen for sequences.</param>
/// <param name="Column">The raw field the fitted preprocessing reads it from; null without preprocessing.</param>
public sealed record FeatureInfo(string Name, string Kind, int Width, string? Column);
