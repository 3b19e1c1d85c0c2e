using Microsoft.ML.OnnxRuntime;
using RecSharp.Export;
using RecSharp.Features;
using RecSharp.Inputs;
using static TorchSharp.torch;

namespace RecSharp.Serving.Inference;

/// <summary>
/// The exported model on ONNX Runtime. Inputs are validated and converted exactly as <c>Predict</c> converts them
/// (<see cref="InputConverter"/>), then handed to the session: int64 ids, float32 values, one tensor per input.
/// </summary>
internal sealed class OnnxBackend : IInferenceBackend
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly int _tasks;

    /// <summary>Runs <paramref name="session"/>, whose inputs are those of <paramref name="layout"/>.</summary>
    public OnnxBackend(InferenceSession session, FeatureLayout layout, int tasks)
    {
        _session = session;
        Layout = layout;
        _inputNames = layout.Slots.Select(s => s.Name).ToArray();
        _tasks = tasks;
    }

    /// <summary>
    /// The session options of a backend with <paramref name="threads"/> intra-op threads (null: the default).
    /// </summary>
    public static SessionOptions Options(int? threads)
    {
        var options = new SessionOptions { ExecutionMode = ExecutionMode.ORT_SEQUENTIAL, InterOpNumThreads = 1 };
        if (threads is { } n) options.IntraOpNumThreads = n;
        return options;
    }

    /// <inheritdoc />
    public FeatureLayout Layout { get; }

    /// <inheritdoc />
    public double[,] Predict(IReadOnlyDictionary<string, Array> inputs, int batchSize)
    {
        using var tensors = InputConverter.ToTensors(Layout, inputs);
        var result = new double[tensors.Rows, _tasks];
        for (long start = 0; start < tensors.Rows; start += batchSize)
        {
            long length = Math.Min(batchSize, tensors.Rows - start);
            using var scope = NewDisposeScope();
            var batch = tensors.Narrow(start, length);
            var values = Layout.Slots.Select(slot => Value(batch[slot.Name])).ToArray();
            try
            {
                using var options = new RunOptions();
                using var outputs = _session.Run(options, _inputNames, values, [OnnxExporter.OutputName]);
                var scores = outputs[0].GetTensorDataAsSpan<float>();                       // (length, tasks)
                for (int i = 0; i < scores.Length; i++) result[start + i / _tasks, i % _tasks] = scores[i];
            }
            finally
            {
                foreach (var value in values) value.Dispose();
            }
        }
        return result;
    }

    // An input tensor, (rows) or (rows, width), as an ONNX Runtime value of the same type and shape.
    private static OrtValue Value(Tensor tensor)
    {
        var contiguous = tensor.contiguous();
        long[] shape = contiguous.shape;
        return contiguous.dtype == ScalarType.Int64
            ? OrtValue.CreateTensorValueFromMemory(contiguous.data<long>().ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(contiguous.data<float>().ToArray(), shape);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
