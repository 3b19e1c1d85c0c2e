using Microsoft.ML.OnnxRuntime;
using RecSharp.Features;
using RecSharp.Inputs;
using static TorchSharp.torch;

namespace RecSharp.Tests.Shared;

/// <summary>An exported ONNX file run by ONNX Runtime, fed the same rows that <c>Predict</c> sees.</summary>
public sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;

    /// <summary>Opens <paramref name="path"/> with ONNX Runtime's default options.</summary>
    public OnnxSession(string path) => _session = new InferenceSession(path);

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>The graph's input names, in order.</summary>
    public IReadOnlyList<string> InputNames => _session.InputNames;

    /// <summary>
    /// Predicts user-facing rows (as <c>Predict</c> takes them) in batches of <paramref name="batchSize"/>: the rows
    /// are converted as <c>Predict</c> converts them, and each input goes to ONNX Runtime as a tensor.
    /// </summary>
    public double[,] Predict(FeatureLayout layout, IReadOnlyDictionary<string, Array> rows, int batchSize)
    {
        using var inputs = InputConverter.ToTensors(layout, rows);
        var feeds = layout.Slots.ToDictionary(s => s.Name, s => Flatten(inputs[s.Name]), StringComparer.Ordinal);
        return Predict(layout, feeds, inputs.Rows, batchSize);
    }

    /// <summary>
    /// Predicts rows given as flat row-major arrays per input (<c>long[]</c> ids, <c>float[]</c> values).
    /// </summary>
    public double[,] Predict(FeatureLayout layout, IReadOnlyDictionary<string, Array> flat, long rows, int batchSize)
    {
        var result = new double[rows, _session.OutputMetadata["predictions"].Dimensions[1]];
        for (long start = 0; start < rows; start += batchSize)
        {
            long length = Math.Min(batchSize, rows - start);
            var values = layout.Slots.Select(slot => Slice(slot, flat[slot.Name], start, length)).ToArray();
            try
            {
                using var options = new RunOptions();
                var names = layout.Slots.Select(s => s.Name).ToArray();
                using var outputs = _session.Run(options, names, values, ["predictions"]);
                var shape = outputs[0].GetTensorTypeAndShape().Shape;
                Assert.Equal([length, result.GetLength(1)], shape);
                var scores = outputs[0].GetTensorDataAsSpan<float>();
                for (int i = 0; i < scores.Length; i++) result[start + i / shape[1], i % shape[1]] = scores[i];
            }
            finally
            {
                foreach (var value in values) value.Dispose();
            }
        }
        return result;
    }

    private static OrtValue Slice(InputSlot slot, Array flat, long start, long length)
    {
        bool matrix = slot.Kind is InputSlotKind.DenseValues or InputSlotKind.SequenceIds
            or InputSlotKind.SequenceWeights;
        long[] shape = matrix ? [length, slot.Width] : [length];
        int width = matrix ? slot.Width : 1;
        var rows = new Range((int)(start * width), (int)((start + length) * width));
        return flat switch
        {
            long[] ids => OrtValue.CreateTensorValueFromMemory(ids[rows], shape),
            float[] values => OrtValue.CreateTensorValueFromMemory(values[rows], shape),
            _ => throw new ArgumentException($"input {slot.Name} must be long[] or float[]"),
        };
    }

    private static Array Flatten(Tensor tensor) => tensor.dtype == ScalarType.Int64
        ? tensor.contiguous().data<long>().ToArray()
        : tensor.contiguous().data<float>().ToArray();

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
