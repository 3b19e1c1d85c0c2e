using RecSharp.Features;
using RecSharp.Training.Metrics;

namespace RecSharp.Training;

/// <summary>
/// Which metrics each task gets: those named for it in the per-task metrics, else those of the metrics list that suit
/// its type (classification metrics for binary tasks, regression metrics for regression tasks).
/// </summary>
internal static class MetricSelection
{
    public static Metric[][] Resolve(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Metric> shared,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? byTask, string? groupBy, FeatureLayout layout)
    {
        CheckList(tasks, shared);
        var unknown = byTask?.Keys.FirstOrDefault(name => tasks.All(t => t.Name != name));
        if (unknown is not null)
        {
            throw new ArgumentException($"taskMetrics names the task \"{unknown}\", which the model does not have " +
                                        $"(tasks: {string.Join(", ", tasks.Select(t => t.Name))})", "taskMetrics");
        }
        var selected = tasks.Select(task => byTask is not null && byTask.TryGetValue(task.Name, out var names)
            ? names.Select(name => ForTask(MetricRegistry.Resolve(name), task)).ToArray()
            : shared.Where(m => Suits(m, task.Type)).ToArray()).ToArray();
        CheckGroups(selected.SelectMany(m => m).FirstOrDefault(m => m.NeedsGroups), groupBy, layout);
        return selected;
    }

    // Every metric of the list must suit some task: a regression metric on a model of binary tasks is a mistake.
    private static void CheckList(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Metric> shared)
    {
        var unsuited = shared.FirstOrDefault(metric => !tasks.Any(t => Suits(metric, t.Type)));
        if (unsuited is null) return;
        bool classification = unsuited.Kind == MetricKind.Classification;
        string measures = classification ? "0/1 labels" : "errors of values";
        throw new ArgumentException(
            $"metric {unsuited.Name} measures {measures} and the model has no " +
            $"{(classification ? "binary" : "regression")} task; name it per task (taskMetrics) to compute it on " +
            "another task", "metrics");
    }

    private static void CheckGroups(Metric? grouped, string? groupBy, FeatureLayout layout)
    {
        if (grouped is not null && groupBy is null)
        {
            throw new ArgumentException($"metric {grouped.Name} averages over groups: give groupBy, the sparse " +
                                        "feature that names each row's group (such as the user id)", "groupBy");
        }
        var sparse = layout.SparseColumns.Select(c => c.Name).ToArray();
        if (groupBy is not null && !sparse.Contains(groupBy))
        {
            throw new ArgumentException($"groupBy names \"{groupBy}\", which is not a sparse feature of the model " +
                                        $"(sparse features: {string.Join(", ", sparse)})", "groupBy");
        }
    }

    private static bool Suits(Metric metric, TaskType type) =>
        metric.Kind == MetricKind.Classification ? type == TaskType.Binary : type == TaskType.Regression;

    private static Metric ForTask(Metric metric, TaskSpec task) =>
        metric.Kind == MetricKind.Classification && task.Type != TaskType.Binary
            ? throw new ArgumentException(
                $"metric {metric.Name} needs 0/1 labels, but task \"{task.Name}\" is a regression", "taskMetrics")
            : metric;
}
