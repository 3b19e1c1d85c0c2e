namespace RecSharp.Serving;

/// <summary>What a <see cref="Predictor"/> serves.</summary>
/// <param name="Type">The model type as saved: <c>ple</c> (CGC too), <c>mmoe</c>, <c>sharedbottom</c> or
/// <c>esmm</c>.</param>
/// <param name="Tasks">The tasks, in the order of the prediction columns.</param>
/// <param name="Features">The model's inputs, in its feature order.</param>
/// <param name="Hash">
/// The model's hash (<c>sha256:</c> and the SHA-256 of the run's <c>model.safetensors</c>; for an ONNX file, the hash
/// recorded in it when it was exported).
/// </param>
/// <param name="CreatedUtc">
/// When the model file was written: for a run folder, the end of training; for an ONNX file, the export.
/// </param>
/// <param name="Backend">What runs the model.</param>
/// <param name="Source">The run folder or ONNX file, as a full path.</param>
public sealed record ModelInfo(
    string Type,
    IReadOnlyList<TaskInfo> Tasks,
    IReadOnlyList<FeatureInfo> Features,
    string Hash,
    DateTime CreatedUtc,
    PredictorBackend Backend,
    string Source);
