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
        foreach (var metric in shared)
        {
            if (!tasks.Any(t => Suits(metric, t.Type)))
                throw new ArgumentException($"metric {metric.Name} measures {Describe(metric.Kind)} and the model has no " +
                                            $"{(metric.Kind == MetricKind.Classification ? "binary" : "regression")} task; " +
                                            "name it per task (taskMetrics) to compute it on another task", "metrics");
        }
        var unknown = byTask?.Keys.FirstOrDefault(name => tasks.All(t => t.Name != name));
        if (unknown is not null)
            throw new ArgumentException($"taskMetrics names the task \"{unknown}\", which the model does not have " +
                                        $"(tasks: {string.Join(", ", tasks.Select(t => t.Name))})", "taskMetrics");
        var selected = tasks.Select(task => byTask is not null && byTask.TryGetValue(task.Name, out var names)
            ? names.Select(name => ForTask(MetricRegistry.Resolve(name), task)).ToArray()
            : shared.Where(m => Suits(m, task.Type)).ToArray()).ToArray();
        var grouped = selected.SelectMany(m => m).FirstOrDefault(m => m.NeedsGroups);
        if (grouped is not null && groupBy is null)
            throw new ArgumentException($"metric {grouped.Name} averages over groups: give groupBy, the sparse feature " +
                                        "that names each row's group (such as the user id)", "groupBy");
        if (groupBy is not null && layout.SparseColumns.All(c => c.Name != groupBy))
            throw new ArgumentException($"groupBy names \"{groupBy}\", which is not a sparse feature of the model " +
                                        $"(sparse features: {string.Join(", ", layout.SparseColumns.Select(c => c.Name))})", "groupBy");
        return selected;
    }

    private static bool Suits(Metric metric, TaskType type) =>
        metric.Kind == MetricKind.Classification ? type == TaskType.Binary : type == TaskType.Regression;

    private static Metric ForTask(Metric metric, TaskSpec task) =>
        metric.Kind == MetricKind.Classification && task.Type != TaskType.Binary
            ? throw new ArgumentException($"metric {metric.Name} needs 0/1 labels, but task \"{task.Name}\" is a regression", "taskMetrics")
            : metric;

    private static string Describe(MetricKind kind) => kind == MetricKind.Classification ? "0/1 labels" : "errors of values";
}
