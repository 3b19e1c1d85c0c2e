using RecSharp.Features;

namespace RecSharp.Serving.Inference;

/// <summary>What runs the model: libtorch or ONNX Runtime. Implementations are safe to call from any thread.</summary>
internal interface IInferenceBackend : IDisposable
{
    /// <summary>The model's inputs.</summary>
    FeatureLayout Layout { get; }

    /// <summary>
    /// Scores model inputs (as <c>MultiTaskModel.Predict</c> takes them, validated the same way) in batches of at most
    /// <paramref name="batchSize"/> rows: rows × tasks.
    /// </summary>
    double[,] Predict(IReadOnlyDictionary<string, Array> inputs, int batchSize);
}
