using BenchmarkDotNet.Attributes;
using RecSharp.Features;
using RecSharp.Inputs;
using RecSharp.Runtime;
using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Bench.Micro;

/// <summary>
/// Assembling a batch: as a training step selects its rows from the converted training set (a view of the epoch's
/// shuffled order, copied to a tensor once per epoch, then one <c>index_select</c> per input and for the labels), and
/// as <c>Predict</c> converts a
/// caller's arrays into tensors (validation included).
/// </summary>
public class BatchSelectionBenchmarks
{
    private const int Rows = 80_000;
    private FeatureLayout _layout = null!;
    private TensorInputs _all = null!;
    private Tensor _labels = null!;
    private Tensor _order = null!;
    private Dictionary<string, Array> _batchArrays = [];
    private int _next;

    /// <summary>Rows per batch.</summary>
    [Params(256, 1024)]
    public int BatchSize { get; set; }

    /// <summary>Converts a census-sized training set and draws an epoch's order.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        _layout = MicroFixture.Layout();
        _all = InputConverter.ToTensors(_layout, MicroFixture.Inputs(Rows));
        _labels = rand(Rows, 2);                                                          // (rows, tasks)
        _order = tensor(RowOrder.ForEpoch(Rows, shuffle: true, seed: 1024, epoch: 0), ScalarType.Int64);   // (rows)
        _batchArrays = MicroFixture.Inputs(BatchSize, seed: 7);
    }

    /// <summary>One training step's batch: the next <see cref="BatchSize"/> rows of the shuffled order.</summary>
    [Benchmark]
    public long SelectTrainingBatch()
    {
        using var scope = NewDisposeScope();
        int start = _next;
        _next = (_next + BatchSize) % (Rows - BatchSize);
        var index = _order.narrow(0, start, BatchSize);                                  // (batch)
        var batch = _all.Select(index);
        var y = _labels.index_select(0, index);                                          // (batch, tasks)
        return batch.Rows + y.shape[0];
    }

    /// <summary>A caller's arrays for one batch, validated and converted, as <c>Predict</c> does first.</summary>
    [Benchmark]
    public long ConvertCallerArrays()
    {
        using var inputs = InputConverter.ToTensors(_layout, _batchArrays);
        return inputs.Rows;
    }

    /// <summary>Frees the tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _all.Dispose();
        _labels.Dispose();
    }
}
