using BenchmarkDotNet.Attributes;
using RecSharp.Inputs;
using RecSharp.Layers;
using RecSharp.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Bench.Micro;

/// <summary>The embedding input of a census-shaped batch: 29 lookups and 11 dense values concatenated to <c>(batch,
/// 127)</c>.</summary>
public class EmbeddingLookupBenchmarks
{
    private EmbeddingInput _embedding = null!;
    private TensorInputs _inputs = null!;
    private Parameter[] _parameters = [];

    /// <summary>Rows per batch.</summary>
    [Params(256, 1024)]
    public int BatchSize { get; set; }

    /// <summary>Builds the tables and converts one batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        random.manual_seed(1024);
        var layout = MicroFixture.Layout();
        _embedding = new EmbeddingInput(layout, initStd: 1e-4);
        _inputs = InputConverter.ToTensors(layout, MicroFixture.Inputs(BatchSize));
        _parameters = _embedding.parameters().ToArray();
    }

    /// <summary>The lookup as prediction runs it: no gradients.</summary>
    [Benchmark]
    public long Lookup()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _embedding.forward(_inputs).shape[1];                       // (batch, 127)
    }

    /// <summary>The lookup as training runs it: forward, then the gradient scattered back into the tables.</summary>
    [Benchmark]
    public long LookupAndBackward()
    {
        using var scope = NewDisposeScope();
        var x = _embedding.forward(_inputs);                                // (batch, 127)
        x.sum().backward();
        foreach (var p in _parameters) p.grad?.zero_();
        return x.shape[1];
    }

    /// <summary>Frees the tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _inputs.Dispose();
        _embedding.Dispose();
    }
}
