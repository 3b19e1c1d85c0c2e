namespace RecSharp.Training;

/// <summary>
/// What a streaming fit's checkpoint adds to its position: the epoch's order of the stream's parts (null at an epoch
/// boundary) and the rows whose predictions the epoch keeps. The rows done are <c>step × batchSize</c>; a resumed fit
/// reads the epoch's parts again in this order through a shuffle buffer drawing from the same seed, without training
/// on the rows done, so the buffer, its generator and the reader reach the same state before training goes on.
/// </summary>
/// <param name="Parts">The parts in the epoch's reading order, or null at an epoch boundary.</param>
/// <param name="KeptRows">The rows of an epoch whose predictions are kept for its metrics.</param>
internal sealed record StreamPosition(IReadOnlyList<string>? Parts, long KeptRows);
