namespace RecSharp.Features;

/// <summary>One task of a multi-task model: its name (used for outputs and metric names) and its type.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="Type">Binary (a probability) or regression (a raw value).</param>
public sealed record TaskSpec(string Name, TaskType Type)
{
    /// <summary>
    /// Builds the task list from the reference's parallel lists, validating as the reference does (at least two
    /// tasks, as many types as names, known types) and beyond it (no duplicate or empty names).
    /// </summary>
    public static IReadOnlyList<TaskSpec> FromLists(IReadOnlyList<string> taskTypes, IReadOnlyList<string> taskNames,
        int minimumTasks = 2)
    {
        ArgumentNullException.ThrowIfNull(taskTypes);
        ArgumentNullException.ThrowIfNull(taskNames);
        if (taskNames.Count < minimumTasks)
        {
            throw new ArgumentException(
                $"num_tasks must be at least {minimumTasks}, got {taskNames.Count} task name(s)", nameof(taskNames));
        }
        if (taskTypes.Count != taskNames.Count)
        {
            throw new ArgumentException(
                $"taskTypes has {taskTypes.Count} entries but taskNames has {taskNames.Count}; they must match",
                nameof(taskTypes));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tasks = new TaskSpec[taskNames.Count];
        for (int i = 0; i < tasks.Length; i++)
        {
            string name = taskNames[i];
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException($"task name {i} is empty", nameof(taskNames));
            if (!seen.Add(name))
                throw new ArgumentException($"task name \"{name}\" appears more than once", nameof(taskNames));
            tasks[i] = new TaskSpec(name, TaskTypes.Parse(taskTypes[i]));
        }
        return tasks;
    }
}
