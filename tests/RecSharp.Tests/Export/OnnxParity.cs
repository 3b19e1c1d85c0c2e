using RecSharp.Export;
using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Tests.Shared;
using RecSharp.Tests.Support;
using static TorchSharp.torch;

namespace RecSharp.Tests.Export;

/// <summary>Exports models and holds ONNX Runtime's predictions to <c>Predict</c>'s.</summary>
public static class OnnxParity
{
    /// <summary>The agreement required between ONNX Runtime and <c>Predict</c>.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>
    /// Exports <paramref name="model"/> into <paramref name="folder"/>, then asserts that ONNX Runtime predicts what
    /// <c>Predict</c> predicts, row by row at batch 1 on <paramref name="singleRows"/> and at batch 1024 on
    /// <paramref name="rows"/> (at least 1024 of them), and that the predictions vary across rows (so agreement means
    /// something). Returns the ONNX file.
    /// </summary>
    public static string AssertMatchesPredict(MultiTaskModel model, IReadOnlyDictionary<string, Array> singleRows,
        IReadOnlyDictionary<string, Array> rows, string folder)
    {
        string path = Path.Combine(folder, $"{model.GetType().Name}-{Guid.NewGuid():N}.onnx");
        model.ExportOnnx(path);
        using var session = new OnnxSession(path);

        var expected = model.Predict(rows, batchSize: 1024);
        SyntheticInputs.AssertClose(expected, session.Predict(model.Layout, rows, batchSize: 1024), Tolerance);
        AssertVaries(expected);
        var single = session.Predict(model.Layout, singleRows, batchSize: 1);
        SyntheticInputs.AssertClose(model.Predict(singleRows, batchSize: 1), single, Tolerance);
        return path;
    }

    /// <summary>Same as the other overload, with the first 16 of <paramref name="rows"/> at batch 1.</summary>
    public static string AssertMatchesPredict(MultiTaskModel model, IReadOnlyDictionary<string, Array> rows,
        string folder) =>
        AssertMatchesPredict(model, SyntheticInputs.Rows(rows, 0, 16), rows, folder);

    /// <summary>
    /// Sets every float tensor of the model's state to values drawn from <paramref name="seed"/>, so that every
    /// layer — biases, slopes, BatchNorm statistics — shapes the output while the signal keeps its scale through the
    /// layers: linear weights uniform in ±<paramref name="gain"/>·√(6 / fan-in), embeddings in ±1, BatchNorm scales
    /// and running variances in [0.5, 1.5], everything else (biases, running means, slopes) in ±0.3. Then, when the
    /// model has BatchNorm, its running statistics become those of random rows (training-mode passes without
    /// gradients), as after training.
    /// </summary>
    public static void Randomize(MultiTaskModel model, int seed = 5, double gain = 1)
    {
        var random = new Random(seed);
        using var noGrad = no_grad();
        foreach (var (key, value) in model.state_dict().Where(kv => kv.Value.dtype == ScalarType.Float32))
        {
            bool positive = key.EndsWith("running_var", StringComparison.Ordinal)
                || (key.Contains(".bn.", StringComparison.Ordinal)
                    && key.EndsWith(".weight", StringComparison.Ordinal));
            double bound = key.StartsWith("embedding_dict.", StringComparison.Ordinal) ? 1
                : value.dim() == 2 ? gain * Math.Sqrt(6.0 / value.shape[1]) : 0.3;
            var values = Enumerable.Range(0, (int)value.NumberOfElements)
                .Select(_ => (float)(positive ? 0.5 + random.NextDouble() : (random.NextDouble() * 2 - 1) * bound))
                .ToArray();
            value.copy_(tensor(values).reshape(value.shape));
        }
        if (!model.state_dict().Keys.Any(k => k.EndsWith("running_var", StringComparison.Ordinal))) return;
        using var rows = InputConverter.ToTensors(model.Layout, RandomRows.For(model.Layout, 256, seed));
        model.train();
        for (int pass = 0; pass < 20; pass++) model.forward(rows).Dispose();
        model.eval();
    }

    private static void AssertVaries(double[,] predictions)
    {
        for (int t = 0; t < predictions.GetLength(1); t++)
        {
            var column = SyntheticInputs.Column(predictions, t);
            double mean = column.Average();
            double spread = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length);
            Assert.True(spread > 1e-3, $"task {t}: predictions barely vary across rows (standard deviation {spread})");
        }
    }
}
