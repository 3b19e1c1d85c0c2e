using System.Runtime.InteropServices;
using RecSharp.Inputs;
using RecSharp.Runtime;
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
            if (!PackedInputs.Supports(Layout))
            {
                using var inputs = InputConverter.ToTensors(Layout, x);
                return Predict(inputs, batchSize);
            }
            // Without sequences, the rows travel as two tensors rather than one per input: the same values, in fewer
            // operations, which is most of a small batch's time.
            using var packed = InputConverter.ToPacked(Layout, x);
            return PredictBatches(packed.Rows, batchSize, (start, length) =>
            {
                var rows = start == 0 && length == packed.Rows ? packed : packed.Narrow(start, length);
                return Head(Embedding.Forward(OnModelDevice(rows)));                         // (length, tasks)
            });
        });

    /// <summary>Predicts already-converted inputs: rows × tasks.</summary>
    public double[,] Predict(TensorInputs inputs, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PredictBatches(inputs.Rows, batchSize, (start, length) =>
            forward(OnModelDevice(start == 0 && length == inputs.Rows ? inputs : inputs.Narrow(start, length))));
    }

    // Runs forwardRows(start, length) over consecutive batches of at most batchSize rows, each in its own dispose
    // scope, as an inference (see ModelAccess), and gathers the (length, tasks) outputs.
    private double[,] PredictBatches(long rows, int batchSize, Func<long, long, Tensor> forwardRows)
    {
        if (batchSize < 1)
            throw new ArgumentException($"batchSize must be at least 1, got {batchSize}", nameof(batchSize));
        Layout.RequireBatchFits(Math.Min(batchSize, rows));
        return Access.Infer(this, modeMatters: _modeMatters, work: () =>
        {
            var result = new double[rows, Tasks.Count];
            for (long start = 0; start < rows; start += batchSize)
            {
                long length = Math.Min(batchSize, rows - start);
                try
                {
                    using var scope = NewDisposeScope();
                    CopyRows(forwardRows(start, length).OnDevice(CPU), result, start);
                }
                catch (ExternalException e)
                {
                    throw new TorchOperationException($"predicting rows {start + 1} to {start + length}", e);
                }
            }
            return result;
        });
    }

    // Copies a batch's outputs (length, tasks), on the CPU, into result from row start on, in one host copy; float32
    // widens to double exactly, as libtorch's conversion would.
    private static void CopyRows(Tensor output, double[,] result, long start)
    {
        var flat = MemoryMarshal.CreateSpan(ref result[0, 0], result.Length)[(int)(start * result.GetLength(1))..];
        if (output.dtype == ScalarType.Float32)
        {
            var values = output.contiguous().data<float>().ToArray();
            for (int i = 0; i < values.Length; i++) flat[i] = values[i];
        }
        else
        {
            output.to_type(ScalarType.Float64).contiguous().data<double>().ToArray().CopyTo(flat);
        }
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
            return Access.Infer(this, modeMatters: _modeMatters, work: () =>
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

    /// <summary>Packed inputs (converted on the CPU) on the model's device: themselves on the CPU, a copy
    /// elsewhere.</summary>
    internal PackedInputs OnModelDevice(PackedInputs inputs) =>
        TensorDevices.SameDevice(Device, CPU) ? inputs : inputs.To(Device);

    internal static double[] Column(double[,] matrix, int column)
    {
        var result = new double[matrix.GetLength(0)];
        for (int i = 0; i < result.Length; i++) result[i] = matrix[i, column];
        return result;
    }
}
