using RecSharp.Features;
using RecSharp.Models;

namespace RecSharp.Serving.Inference;

/// <summary>
/// The model itself, on libtorch: <c>MultiTaskModel.Predict</c>, which any number of threads may call.
/// </summary>
internal sealed class TorchBackend(MultiTaskModel model) : IInferenceBackend
{
    /// <inheritdoc />
    public FeatureLayout Layout => model.Layout;

    /// <inheritdoc />
    public double[,] Predict(IReadOnlyDictionary<string, Array> inputs, int batchSize) =>
        model.Predict(inputs, batchSize);

    /// <inheritdoc />
    public void Dispose() => model.Dispose();
}
