using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Training.Metrics;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>Validated inputs and labels to score a model on: predictions, per-task metrics and the mean loss.</summary>
internal sealed class EvaluationSet : IDisposable
{
    private readonly bool _ownsInputs;

    public EvaluationSet(TensorInputs inputs, double[,] labels, bool[,]? mask, long[]? groups, bool ownsInputs)
    {
        Inputs = inputs;
        Labels = labels;
        Mask = mask;
        Groups = groups;
        _ownsInputs = ownsInputs;
    }

    public TensorInputs Inputs { get; }

    public double[,] Labels { get; }

    public bool[,]? Mask { get; }

    /// <summary>Each row's group key for GAUC, or null when the model groups no rows.</summary>
    public long[]? Groups { get; }

    public static EvaluationSet Create(MultiTaskModel model, IReadOnlyDictionary<string, Array> x, double[,] y, bool[,]? mask, string what)
    {
        var inputs = InputConverter.ToTensors(model.Layout, x);
        try
        {
            LabelTable.Create(model.Tasks, y, mask, inputs.Rows, what).Dispose(); // validates
            return new EvaluationSet(inputs, y, mask, GroupKeys.Of(x, model.Setup?.GroupBy), ownsInputs: true);
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }

    /// <summary>Every compiled metric of every task, named <c>{prefix}{task}_{metric}</c>, plus <c>{prefix}loss</c> when the prefix is non-empty.</summary>
    public Dictionary<string, double> Metrics(MultiTaskModel model, TrainingSetup setup, int batchSize, string prefix)
    {
        var predictions = model.Predict(Inputs, batchSize);
        var logs = MetricLogs.Compute(model.Tasks, setup.TaskMetrics, Labels, predictions, Mask, Groups, prefix);
        if (prefix.Length > 0) logs[prefix + "loss"] = MeanLoss(model, setup, predictions);
        return logs;
    }

    // The data loss per row (without regularisation) of the given predictions.
    private double MeanLoss(MultiTaskModel model, TrainingSetup setup, double[,] predictions)
    {
        using var scope = NewDisposeScope();
        using var labels = LabelTable.Create(model.Tasks, Labels, Mask, Inputs.Rows);
        var p = tensor(predictions).to_type(ScalarType.Float32);
        using var noGrad = no_grad();
        var total = StepLoss.DataLoss(setup, p, labels.Values, labels.Mask);
        return total.item<float>() / Math.Max(1, Inputs.Rows);
    }

    public void Dispose()
    {
        if (_ownsInputs) Inputs.Dispose();
    }
}
