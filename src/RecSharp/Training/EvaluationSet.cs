using RecSharp.Distributed;
using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Training.Metrics;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>Validated inputs and labels to score a model on: predictions, per-task metrics and the mean loss.</summary>
internal sealed class EvaluationSet : IDisposable
{
    private readonly bool _ownsInputs;

    public EvaluationSet(TensorInputs inputs, double[,] labels, bool[,]? mask, bool ownsInputs)
    {
        Inputs = inputs;
        Labels = labels;
        Mask = mask;
        _ownsInputs = ownsInputs;
    }

    public TensorInputs Inputs { get; }

    public double[,] Labels { get; }

    public bool[,]? Mask { get; }

    public static EvaluationSet Create(MultiTaskModel model, IReadOnlyDictionary<string, Array> x, double[,] y, bool[,]? mask, string what)
    {
        var inputs = InputConverter.ToTensors(model.Layout, x);
        try
        {
            LabelTable.Create(model.Tasks, y, mask, inputs.Rows, what).Dispose(); // validates
            return new EvaluationSet(inputs, y, mask, ownsInputs: true);
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
        var (labels, predictions, mask) = (Labels, model.Predict(Inputs, batchSize), Mask);
        if (group is not null)
            (labels, predictions, mask) = (RowGather.Gather(group, labels), RowGather.Gather(group, predictions),
                mask is null ? null : RowGather.Gather(group, mask));
        var logs = MetricLogs.Compute(model.Tasks, setup.Metrics, labels, predictions, mask, prefix);
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
        if (_ownsInputs) Inputs.Dispose();
    }
}
