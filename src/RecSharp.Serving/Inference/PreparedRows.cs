namespace RecSharp.Serving.Inference;

/// <summary>Raw rows encoded by the fitted preprocessing into model inputs.</summary>
/// <param name="Rows">The number of rows.</param>
/// <param name="Inputs">
/// Per model input, in feature order: <c>int[rows]</c> ids, <c>float[rows]</c> dense values or <c>int[rows, maxLen]</c>
/// sequence ids.
/// </param>
/// <param name="Unseen">Per categorical feature, the values of these rows that are not in its vocabulary.</param>
internal sealed record PreparedRows(
    int Rows, IReadOnlyDictionary<string, Array> Inputs, IReadOnlyDictionary<string, long> Unseen);
