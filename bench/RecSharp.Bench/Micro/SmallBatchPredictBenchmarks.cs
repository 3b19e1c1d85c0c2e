using BenchmarkDotNet.Attributes;
using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Runtime;

namespace RecSharp.Bench.Micro;

/// <summary>
/// <c>Predict</c> of a few rows by the PLE with the reference's defaults, which the census experiment keeps (two tasks,
/// one task expert each, one shared expert, experts (256, 128), gates (64), two levels, towers (64)), over the
/// census-shaped input: the latency a one-row caller sees, from arrays to scores, and the part left once the rows are
/// tensors.
/// </summary>
[MedianColumn]
public class SmallBatchPredictBenchmarks
{
    private Ple _model = null!;
    private Dictionary<string, Array> _rows = [];
    private TensorInputs _converted = null!;

    /// <summary>Rows per call.</summary>
    [Params(1, 16)]
    public int BatchSize { get; set; }

    /// <summary>Builds the model and the rows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        _model = new Ple(MicroFixture.Columns());
        _rows = MicroFixture.Inputs(BatchSize);
        _converted = InputConverter.ToTensors(_model.Layout, _rows);
    }

    /// <summary>Predict from arrays, as an application calls it.</summary>
    [Benchmark]
    public int FromArrays() => _model.Predict(_rows, BatchSize).GetLength(0);

    /// <summary>Predict from inputs already converted to tensors.</summary>
    [Benchmark]
    public int FromTensors() => _model.Predict(_converted, BatchSize).GetLength(0);

    /// <summary>Frees the model and the tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _converted.Dispose();
        _model.Dispose();
    }
}
