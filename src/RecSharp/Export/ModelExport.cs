using RecSharp.Models;

namespace RecSharp.Export;

/// <summary>ONNX export of every multi-task model.</summary>
public static class ModelExport
{
    /// <summary>
    /// Writes the model as ONNX (opset 17) to <paramref name="path"/>, atomically: one input per model input named
    /// after it, the output <c>predictions</c> <c>[batch, tasks]</c>, the weights bit for bit (see
    /// <see cref="OnnxExporter"/>).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The ONNX file.</param>
    public static void ExportOnnx(this MultiTaskModel model, string path) => OnnxExporter.Export(model, path);
}
