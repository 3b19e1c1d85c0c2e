using System.Runtime.InteropServices;
using RecSharp.Inputs;
using RecSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Models;

/// <summary>Inference on every multi-task model: predictions, by row and by task, and gate inspection.</summary>
public abstract partial class MultiTaskModel
{
    /// <summary>
    /// Predicts every row in eval mode (dropout off, BatchNorm running statistics) without gradients: rows × tasks.
    /// Safe to call from any number of threads at once (see <see cref="ModelAccess"/>); a running fit holds it off.
    /// </summary>
    public double[,] Predict(IReadOnlyDictionary<string, Array> x, int batchSize = 256) =>
        ExplainTorchFailures("Predict", () =>
        {
            using var inputs = InputConverter.ToTensors(Layout, x);
            return Predict(inputs, batchSize);
        });

    /// <summary>Predicts already-converted inputs: rows × tasks.</summary>
    public double[,] Predict(TensorInputs inputs, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (batchSize < 1)
            throw new ArgumentException($"batchSize must be at least 1, got {batchSize}", nameof(batchSize));
        Layout.RequireBatchFits(Math.Min(batchSize, inputs.Rows));
        return Access.Infer(this, () =>
        {
            var result = new double[inputs.Rows, Tasks.Count];
            for (long start = 0; start < inputs.Rows; start += batchSize)
            {
                long length = Math.Min(batchSize, inputs.Rows - start);
                try
                {
                    using var scope = NewDisposeScope();
                    var output = forward(OnModelDevice(inputs.Narrow(start, length)))
                        .to(DeviceType.CPU).to_type(ScalarType.Float64).contiguous();               // (length, tasks)
                    var values = output.data<double>().ToArray();
                    int offset = (int)(start * Tasks.Count * sizeof(double));
                    Buffer.BlockCopy(values, 0, result, offset, values.Length * sizeof(double));
                }
                catch (ExternalException e)
                {
                    throw new TorchOperationException($"predicting rows {start + 1} to {start + length}", e);
                }
            }
            return result;
        });
    }

    /// <summary>
    /// Predictions by task name: each task's column of
    /// <see cref="Predict(IReadOnlyDictionary{string, Array}, int)"/>.
    /// </summary>
    public Dictionary<string, double[]> PredictByTask(IReadOnlyDictionary<string, Array> x, int batchSize = 256)
    {
        var scores = Predict(x, batchSize);
        return Tasks.Select((task, t) => (task.Name, Column(scores, t)))
            .ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>
    /// Gate inspection: per level and gate, the mean softmax weight each expert receives over the rows of
    /// <paramref name="x"/> (in eval mode). Experts that collapse show weights near 0 everywhere. Empty for models
    /// without gates.
    /// </summary>
    public IReadOnlyList<GateWeightSummary> GateWeights(IReadOnlyDictionary<string, Array> x) =>
        WithNetworkInput(x, GateWeightsOf);

    /// <summary>
    /// Converts <paramref name="x"/>, runs the embedding input in eval mode without gradients, and hands the network
    /// input <c>(rows, DnnInputDim)</c> to <paramref name="use"/>, as an inference (see <see cref="ModelAccess"/>):
    /// beside other inferences, never during a fit, and the model's mode is as it was afterwards.
    /// </summary>
    protected T WithNetworkInput<T>(IReadOnlyDictionary<string, Array> x, Func<Tensor, T> use) =>
        ExplainTorchFailures("inference", () =>
        {
            using var inputs = InputConverter.ToTensors(Layout, x);
            Layout.RequireBatchFits(inputs.Rows);
            return Access.Infer(this, () =>
            {
                using var scope = NewDisposeScope();
                return use(Embedding.forward(OnModelDevice(inputs)));
            });
        });

    // libtorch failures outside a training step or a predicted batch (input conversion, validation, checkpoints) are
    // named by the call that met them; those inside are named more precisely where they happen.
    internal static T ExplainTorchFailures<T>(string operation, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ExternalException e)
        {
            throw new TorchOperationException(operation, e);
        }
    }

    /// <summary>
    /// Inputs (converted on the CPU) as they must be for this model: themselves on the CPU, a copy elsewhere.
    /// </summary>
    internal TensorInputs OnModelDevice(TensorInputs inputs) =>
        TensorDevices.SameDevice(Device, CPU) ? inputs : inputs.To(Device);

    internal static double[] Column(double[,] matrix, int column)
    {
        var result = new double[matrix.GetLength(0)];
        for (int i = 0; i < result.Length; i++) result[i] = matrix[i, column];
        return result;
    }
}
