namespace RecSharp.Serving;

/// <summary>How a <see cref="Predictor"/> loads and runs its model.</summary>
public sealed record PredictorOptions
{
    /// <summary>
    /// The backend; null (the default) runs a run folder on libtorch and an ONNX file on ONNX Runtime. A run folder
    /// runs on either (on ONNX Runtime, exported in memory); an ONNX file only on ONNX Runtime.
    /// </summary>
    public PredictorBackend? Backend { get; init; }

    /// <summary>The most rows one forward pass takes; larger inputs are scored in batches of this size.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>
    /// ONNX Runtime's intra-op threads (null: its default). libtorch's threads are set for the whole process, by the
    /// application (<c>torch.set_num_threads</c>).
    /// </summary>
    public int? Threads { get; init; }
}
