using BenchmarkDotNet.Attributes;
using RecSharp.Layers;
using RecSharp.Layers.Blocks;
using RecSharp.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Bench.Micro;

/// <summary>
/// The first CGC level of the census PLE with the reference's defaults: two tasks, one task expert each, one shared
/// expert, experts (256, 128), gates (64), over a 127-wide input; the shared gate runs, as in every level but the last.
/// </summary>
public class CgcLevelBenchmarks
{
    private const int Tasks = 2;
    private CgcLevel _level = null!;
    private Tensor _input = null!;
    private Tensor[] _inputs = [];
    private Parameter[] _parameters = [];

    /// <summary>Rows per batch.</summary>
    [Params(256, 1024)]
    public int BatchSize { get; set; }

    /// <summary>Builds the level and one batch of input.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        random.manual_seed(1024);
        _level = new CgcLevel(MicroFixture.InputWidth, Tasks, specificExperts: 1, sharedExperts: 1,
            expertUnits: [256, 128],
            gateUnits: [64], new DnnOptions());
        // (batch, 127), as the embedding output
        _input = randn(BatchSize, MicroFixture.InputWidth).requires_grad_(true);
        // [task 1, task 2, shared], as PLE's level 0
        _inputs = Enumerable.Repeat(_input, Tasks + 1).ToArray();
        _parameters = _level.parameters().ToArray();
    }

    /// <summary>Forward as prediction runs it: no gradients.</summary>
    [Benchmark]
    public int Forward()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _level.Forward(_inputs, computeShared: true).Length;                   // 3 × (batch, 128)
    }

    /// <summary>Forward and backward as a training step runs them (without the optimizer).</summary>
    [Benchmark]
    public int ForwardBackward()
    {
        using var scope = NewDisposeScope();
        var outputs = _level.Forward(_inputs, computeShared: true);
        stack(outputs, 0).sum().backward();                                          // (3, batch, 128) → scalar
        foreach (var p in _parameters) p.grad?.zero_();
        _input.grad?.zero_();
        return outputs.Length;
    }

    /// <summary>Frees the tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _input.Dispose();
        foreach (var p in _parameters) p.Dispose();
    }
}
