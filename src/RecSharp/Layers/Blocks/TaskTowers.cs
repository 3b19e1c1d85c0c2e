using RecSharp.Features;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// One tower per task: an optional DNN, a linear layer without bias to one logit, and the task's
/// <see cref="PredictionLayer"/>. A model registers them as <c>tower_dnn</c> (when the units are non-empty),
/// <c>tower_dnn_final_layer</c> and <c>out</c>, as the reference does.
/// </summary>
internal sealed class TaskTowers
{
    /// <summary>Creates the towers.</summary>
    /// <param name="inputDim">Width of each task's input.</param>
    /// <param name="tasks">The tasks, in output order.</param>
    /// <param name="hiddenUnits">Units of each tower's DNN; empty for a single linear layer.</param>
    /// <param name="options">DNN settings.</param>
    public TaskTowers(long inputDim, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<int> hiddenUnits, DnnOptions options)
    {
        if (hiddenUnits.Count > 0)
            Hidden = nn.ModuleList(tasks.Select(_ => new Dnn(inputDim, hiddenUnits, options)).ToArray());
        long finalInput = hiddenUnits.Count > 0 ? hiddenUnits[^1] : inputDim;
        Final = nn.ModuleList(tasks.Select(_ => nn.Linear(finalInput, 1, hasBias: false)).ToArray());
        Out = nn.ModuleList(tasks.Select(t => new PredictionLayer(t.Type)).ToArray());
    }

    /// <summary>The towers' DNNs, or null when they have no hidden units.</summary>
    public ModuleList<Dnn>? Hidden { get; }

    /// <summary>The final linear layers.</summary>
    public ModuleList<Linear> Final { get; }

    /// <summary>The prediction layers.</summary>
    public ModuleList<PredictionLayer> Out { get; }

    /// <summary>The logit <c>(batch, 1)</c> of task <paramref name="task"/> for its input <c>(batch, inputDim)</c>.</summary>
    public Tensor Logit(int task, Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = Hidden is null ? input : Hidden[task].forward(input);
        return Final[task].forward(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>Every task's output, one column per task: <c>(batch, tasks)</c>.</summary>
    public Tensor Forward(IReadOnlyList<Tensor> taskInputs)
    {
        using var scope = NewDisposeScope();
        var outputs = taskInputs.Select((input, t) => Out[t].forward(Logit(t, input))).ToArray(); // each (batch, 1)
        return cat(outputs, 1).MoveToOuterDisposeScope();
    }
}
