using RecSharp.Inputs;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// Where a fit's training rows come from: rows held as tensors (<see cref="InMemoryBatches"/>) or rows streamed
/// anew each epoch (<see cref="Streaming.StreamingBatches"/>). <see cref="TrainingRun"/> asks it for each batch's
/// tensors and hands back the batch's predictions, which the source keeps for the epoch's metrics.
/// </summary>
internal interface IBatchSource : IDisposable
{
    /// <summary>The training rows of one epoch.</summary>
    long Rows { get; }

    /// <summary>A fingerprint of the training data, which a checkpoint records.</summary>
    ulong Fingerprint { get; }

    /// <summary>
    /// The rows whose predictions an epoch keeps for its metrics (<see cref="EpochState.Predictions"/>).
    /// </summary>
    long KeptRows { get; }

    /// <summary>Rows of the given data held out for validation by the source itself, or null.</summary>
    EvaluationSet? Validation { get; }

    /// <summary>The row order of an epoch, as <see cref="EpochState.Order"/> holds it (empty for a stream).</summary>
    long[] Order(int seed, int epoch);

    /// <summary>Throws when a checkpoint's position cannot continue on this source.</summary>
    void CheckResumable(TrainingPosition position);

    /// <summary>
    /// Prepares the epoch <paramref name="state"/> begins or continues, from its <see cref="EpochState.Step"/>.
    /// </summary>
    void BeginEpoch(EpochState state, int seed);

    /// <summary>
    /// The tensors of the epoch's rows <c>[start, start + size)</c> on the model's device, in the current dispose
    /// scope.
    /// </summary>
    TrainingBatch Take(EpochState state, long start, int size);

    /// <summary>Keeps a batch's detached predictions <c>(size, tasks)</c> for the epoch's metrics.</summary>
    void Record(Tensor output, EpochState state, long start);

    /// <summary>
    /// The labels, predictions, mask and group keys (with a <c>groupBy</c>) the epoch's training metrics are computed
    /// over.
    /// </summary>
    (double[,] Labels, double[,] Predictions, bool[,]? Mask, long[]? Groups) EpochRows(EpochState state);
}

/// <summary>A batch's inputs, labels <c>(size, tasks)</c> and optional mask <c>(size, tasks)</c>.</summary>
internal readonly record struct TrainingBatch(TensorInputs Inputs, Tensor Labels, Tensor? Mask);
