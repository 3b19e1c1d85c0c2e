namespace RecSharp.Serving;

/// <summary>What runs a <see cref="Predictor"/>'s model.</summary>
public enum PredictorBackend
{
    /// <summary>The model on libtorch, as <c>MultiTaskModel.Predict</c> runs it.</summary>
    Torch,

    /// <summary>The model exported as ONNX, on ONNX Runtime.</summary>
    Onnx,
}
