using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Serving.Inference;

namespace RecSharp.Serving.Loading;

/// <summary>A model ready to score, with what turns raw rows into its inputs.</summary>
/// <param name="Backend">What runs the model.</param>
/// <param name="Pipeline">The fitted preprocessing; null when the model came without it (generated data).</param>
/// <param name="Reading">How the training file's text was read: trimming and the values that meant missing.</param>
/// <param name="Info">What the model is.</param>
internal sealed record LoadedModel(
    IInferenceBackend Backend, FittedPipeline? Pipeline, CsvReadOptions Reading, ModelInfo Info);
