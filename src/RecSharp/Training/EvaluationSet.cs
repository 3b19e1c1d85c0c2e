using RecSharp.Distributed;
using RecSharp.Inputs;
using RecSharp.Models;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>Validated inputs and labels to score a model on: predictions, per-task metrics and the mean loss.</summary>
internal sealed class EvaluationSet(
    TensorInputs inputs, double[,] labels, bool[,]? mask, long[]? groups, bool ownsInputs) : IDisposable
{
    public TensorInputs Inputs { get; } = inputs;

    public double[,] Labels { get; } = labels;

    public bool[,]? Mask { get; } = mask;

    /// <summary>Each row's group key for GAUC, or null when the model groups no rows.</summary>
    public long[]? Groups { get; } = groups;

    public static EvaluationSet Create(MultiTaskModel model, IReadOnlyDictionary<string, Array> x, double[,] y,
        bool[,]? mask, string what)
    {
        var inputs = InputConverter.ToTensors(model.Layout, x);
        try
        {
            LabelTable.Create(model.Tasks, y, mask, inputs.Rows, what).Dispose(); // validates
            return new EvaluationSet(inputs, y, mask, GroupKeys.Of(x, model.Setup()?.GroupBy), ownsInputs: true);
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every compiled metric of every task, named <c>{prefix}{task}_{metric}</c>, plus <c>{prefix}loss</c> when the
    /// prefix is non-empty; with a <paramref name="group"/>, over the rows of every rank.
    /// </summary>
    public Dictionary<string, double> Metrics(MultiTaskModel model, TrainingSetup setup, int batchSize, string prefix,
        IProcessGroup? group = null)
    {
        var (labels, predictions, mask, groups) = (Labels, model.Predict(Inputs, batchSize), Mask, Groups);
        if (group is not null)
        {
            (labels, predictions, mask, groups) = (RowGather.Gather(group, labels),
                RowGather.Gather(group, predictions), mask is null ? null : RowGather.Gather(group, mask),
                groups is null ? null : RowGather.Gather(group, groups));
        }
        var logs = MetricLogs.Compute(model.Tasks, setup.TaskMetrics, labels, predictions, mask, groups, prefix);
        if (prefix.Length > 0) logs[prefix + "loss"] = MeanLoss(model, setup, labels, predictions, mask);
        return logs;
    }

    // The data loss per row (without regularisation) of the given predictions.
    private static double MeanLoss(MultiTaskModel model, TrainingSetup setup, double[,] y, double[,] predictions,
        bool[,]? mask)
    {
        using var scope = NewDisposeScope();
        int rows = y.GetLength(0);
        using var labels = LabelTable.Create(model.Tasks, y, mask, rows);
        var p = tensor(predictions).to_type(ScalarType.Float32);
        using var noGrad = no_grad();
        var total = StepLoss.DataLoss(setup, p, labels.Values, labels.Mask);
        return total.item<float>() / Math.Max(1, rows);
    }

    public void Dispose()
    {
        if (ownsInputs) Inputs.Dispose();
    }
}
