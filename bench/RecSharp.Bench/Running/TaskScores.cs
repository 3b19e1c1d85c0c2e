using RecSharp.Models;
using RecSharp.Training;

namespace RecSharp.Bench.Running;

/// <summary>An evaluation's values regrouped by task.</summary>
internal static class TaskScores
{
    /// <summary>
    /// Per task, each metric compiled for it (<see cref="ModelTraining.Setup"/>) with its value in
    /// <paramref name="scores"/>, which <c>Evaluate</c> names <c>{task}_{metric}</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ByTask(
        MultiTaskModel model, IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scores);
        var setup = model.Setup() ?? throw new InvalidOperationException("the model is not compiled");
        return model.Tasks
            .Select((task, t) => (task.Name, Metrics: setup.TaskMetrics[t]))
            .ToDictionary(p => p.Name, p => (IReadOnlyDictionary<string, double>)p.Metrics
                .ToDictionary(m => m.Name, m => scores[$"{p.Name}_{m.Name}"]));
    }
}
