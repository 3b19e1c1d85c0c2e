using RecSharp.Features;
using RecSharp.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers;

/// <summary>
/// The last step of each task: adds a learned bias (initialised to 0) and, for <c>binary</c> tasks, applies a
/// sigmoid; <c>regression</c> outputs stay raw. Key: <c>bias</c>.
/// </summary>
internal sealed class PredictionLayer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter bias;

    /// <summary>Creates the layer for a task type (<c>binary</c> or <c>regression</c>).</summary>
    public PredictionLayer(TaskType task) : base(nameof(PredictionLayer))
    {
        Task = task;
        bias = new Parameter(zeros(1));
        RegisterComponents();
    }

    /// <summary>The task type.</summary>
    public TaskType Task { get; }

    /// <summary>Maps logits <c>(batch, 1)</c> to outputs <c>(batch, 1)</c>.</summary>
    public override Tensor forward(Tensor logit)
    {
        var output = logit.add(bias, HeldScalars.One);
        if (Task != TaskType.Binary) return output;
        using (output) return output.sigmoid();
    }
}
