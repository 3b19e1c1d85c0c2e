using RecSharp.Training.Streaming;

namespace RecSharp.Application.Preparation;

/// <summary>Training and test rows read from their files when used instead of held in memory.</summary>
/// <param name="Train">The training rows, read anew each epoch.</param>
/// <param name="Test">Reads the test rows, chunk by chunk.</param>
/// <param name="TestRows">How many test rows there are, or null when they are counted only as they are read.</param>
internal sealed record StreamedRows(ITrainingStream Train, Func<IEnumerable<TrainingChunk>> Test, long? TestRows);
