using RecSharp.Export;

namespace RecSharp.Models;

/// <summary>ONNX export of every multi-task model.</summary>
public abstract partial class MultiTaskModel
{
    /// <summary>
    /// Writes the model as ONNX (opset 17) to <paramref name="path"/>, atomically: one input per model input named
    /// after it, the output <c>predictions</c> <c>[batch, tasks]</c>, the weights bit for bit (see
    /// <see cref="OnnxExporter"/>).
    /// </summary>
    public void ExportOnnx(string path) => OnnxExporter.Export(this, path);
}
