using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Distributed;

/// <summary>
/// The gradients of a fit's parameters, summed over the ranks once per step: copied into one flat float buffer in
/// pinned memory (the last element carries the step's loss), reduced bucket by bucket with
/// <see cref="IProcessGroup.AllReduceSum(Span{float})"/>, and copied back. Since a step's loss is a sum over rows, the
/// summed gradients are those of the global batch, the union of every rank's rows. A parameter without a gradient
/// on a rank (a rank whose share of the step is empty) contributes zeros; afterwards every parameter has one.
/// </summary>
internal sealed class GradientBuckets : IDisposable
{
    /// <summary>The most bytes one allreduce carries (as PyTorch DDP's default bucket cap of 25 MiB).</summary>
    public const int DefaultBucketBytes = 25 << 20;

    private readonly Parameter[] _parameters;
    private readonly float[] _buffer;
    private readonly Tensor _flat;                                                  // (elements), shares _buffer
    private readonly Tensor[] _views;                                               // one per parameter, its shape
    private readonly int _bucketElements;

    public GradientBuckets(IEnumerable<Parameter> parameters, int bucketBytes = DefaultBucketBytes)
    {
        _parameters = parameters.ToArray();
        long elements = _parameters.Sum(p => p.numel()) + 1;
        if (elements > Array.MaxLength)
            throw new ArgumentException($"the model's {elements} gradient values do not fit one buffer");
        _buffer = GC.AllocateArray<float>((int)elements, pinned: true);
        _flat = frombuffer(_buffer, ScalarType.Float32);
        long offset = 0;
        _views = new Tensor[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            long count = _parameters[i].numel();
            _views[i] = _flat.narrow(0, offset, count).view(_parameters[i].shape);
            offset += count;
        }
        _bucketElements = Math.Max(1, bucketBytes / sizeof(float));
    }

    /// <summary>Bytes each rank contributes to one step's reduction (gradients and the loss).</summary>
    public long BytesPerStep => (long)_buffer.Length * sizeof(float);

    /// <summary>
    /// Replaces every parameter's gradient by its sum over the ranks and returns the step's loss summed over the ranks.
    /// </summary>
    public double Reduce(IProcessGroup group, double localLoss)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is { } grad) _views[i].copy_(grad);
            else _views[i].zero_();
        }
        _buffer[^1] = (float)localLoss;
        for (int start = 0; start < _buffer.Length; start += _bucketElements)
            group.AllReduceSum(_buffer.AsSpan(start, Math.Min(_bucketElements, _buffer.Length - start)));
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is { } grad) grad.copy_(_views[i]);
            else _parameters[i].grad = _views[i].clone();
        }
        return _buffer[^1];
    }

    public void Dispose()
    {
        foreach (var view in _views) view.Dispose();
        _flat.Dispose();
    }
}
