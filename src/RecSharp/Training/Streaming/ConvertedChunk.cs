using RecSharp.Inputs;

namespace RecSharp.Training.Streaming;

/// <summary>A chunk of streamed rows as tensors on the CPU: its inputs and its validated labels.</summary>
internal sealed class ConvertedChunk(TensorInputs inputs, LabelTable labels) : IDisposable
{
    public TensorInputs Inputs { get; } = inputs;

    public LabelTable Labels { get; } = labels;

    public long Rows => Inputs.Rows;

    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
