using RecSharp.Features;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace RecSharp.Layers.Blocks;

/// <summary>
/// One tower per task: an optional DNN, a linear layer without bias to one logit, and the task's
/// <see cref="PredictionLayer"/>. Its children have the reference's names, <c>tower_dnn</c> (when the units are
/// non-empty), <c>tower_dnn_final_layer</c> and <c>out</c>, each a list over the tasks; a model takes them as its
/// own (see <see cref="Shapes"/> for the keys).
/// </summary>
internal sealed class TaskTowers : nn.Module<IReadOnlyList<Tensor>, Tensor>
{
    [ComponentName(Name = "tower_dnn")]
    private readonly ModuleList<Dnn>? _towerDnn;
    [ComponentName(Name = "tower_dnn_final_layer")]
    private readonly ModuleList<Linear> _finalLayer;
    [ComponentName(Name = "out")]
    private readonly ModuleList<PredictionLayer> _out;

    /// <summary>Creates the towers.</summary>
    /// <param name="inputDim">Width of each task's input.</param>
    /// <param name="tasks">The tasks, in output order.</param>
    /// <param name="hiddenUnits">Units of each tower's DNN; empty for a single linear layer.</param>
    /// <param name="options">DNN settings.</param>
    public TaskTowers(long inputDim, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<int> hiddenUnits, DnnOptions options)
        : base(nameof(TaskTowers))
    {
        if (hiddenUnits.Count > 0)
            _towerDnn = nn.ModuleList(tasks.Select(_ => new Dnn(inputDim, hiddenUnits, options)).ToArray());
        long finalInput = hiddenUnits.Count > 0 ? hiddenUnits[^1] : inputDim;
        _finalLayer = nn.ModuleList(tasks.Select(_ => nn.Linear(finalInput, 1, hasBias: false)).ToArray());
        _out = nn.ModuleList(tasks.Select(t => new PredictionLayer(t.Type)).ToArray());
        RegisterComponents();
    }

    /// <summary>The tensors of towers built with these arguments, by the keys of <see cref="TaskTowers"/>.</summary>
    internal static StateShapes Shapes(long inputDim, int tasks, IReadOnlyList<int> hiddenUnits, DnnOptions options)
    {
        var shapes = new StateShapes();
        long finalInput = hiddenUnits.Count > 0 ? hiddenUnits[^1] : inputDim;
        for (int t = 0; t < tasks; t++)
        {
            if (hiddenUnits.Count > 0) shapes.Add($"tower_dnn.{t}", Dnn.Shapes(inputDim, hiddenUnits, options));
            shapes.Add($"tower_dnn_final_layer.{t}.weight", 1, finalInput).Add($"out.{t}.bias", 1);
        }
        return shapes;
    }

    /// <summary>Every task's output, one column per task, <c>(batch, tasks)</c>, from one input per task.</summary>
    public override Tensor forward(IReadOnlyList<Tensor> taskInputs)
    {
        using var scope = NewDisposeScope();
        var outputs = new Tensor[taskInputs.Count];
        for (int t = 0; t < outputs.Length; t++)
        {
            var hidden = _towerDnn is null ? taskInputs[t] : _towerDnn[t].forward(taskInputs[t]);     // (batch, width)
            outputs[t] = _out[t].forward(_finalLayer[t].forward(hidden));                              // (batch, 1)
        }
        return cat(outputs, 1).MoveToOuterDisposeScope();
    }
}
