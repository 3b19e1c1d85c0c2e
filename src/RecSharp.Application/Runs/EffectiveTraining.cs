using System.Text.Json.Nodes;
using RecSharp.Data.Configuration;
using RecSharp.Models;
using RecSharp.Training;
using TorchSharp;

namespace RecSharp.Application.Runs;

/// <summary>
/// The <c>training</c> block of <c>report.json</c>: the settings a run trained with, as the model was compiled —
/// the learning rate the optimizer used (its default when the experiment set none), each task's loss, loss weight and
/// metrics, and the number of libtorch threads — not the experiment's unset values.
/// </summary>
internal static class EffectiveTraining
{
    /// <summary>The block for a <paramref name="model"/> compiled from <paramref name="training"/>.</summary>
    public static JsonObject Describe(MultiTaskModel model, TrainingConfig training)
    {
        var setup = model.Setup() ?? throw new InvalidOperationException("the model has not been compiled");
        var tasks = model.Tasks.Select(t => t.Name).ToArray();
        JsonObject PerTask(Func<int, JsonNode?> value) =>
            new(tasks.Select((name, t) => KeyValuePair.Create(name, value(t))));
        return new JsonObject
        {
            ["optimizer"] = training.Optimizer,
            ["learning_rate"] = setup.Optimizer.ParamGroups.First().LearningRate,
            ["losses"] = PerTask(t => setup.Losses[t].Name),
            ["loss_weights"] = PerTask(t => setup.LossWeights[t]),
            ["metrics"] = PerTask(t => new JsonArray(setup.TaskMetrics[t].Select(m => (JsonNode?)m.Name).ToArray())),
            ["group_by"] = setup.GroupBy,
            ["batch_size"] = training.BatchSize,
            ["epochs"] = training.Epochs,
            ["validation_split"] = training.ValidationSplit,
            ["test_split"] = training.TestSplit,
            ["shuffle_seed"] = training.ShuffleSeed,
            ["seed"] = training.Seed,
            ["threads"] = torch.get_num_threads(),
            ["early_stopping"] = training.EarlyStopping is { } early
                ? new JsonObject
                {
                    ["monitor"] = early.Monitor,
                    ["patience"] = early.Patience,
                    ["mode"] = early.Mode,
                    ["min_delta"] = early.MinDelta,
                }
                : null,
        };
    }
}
