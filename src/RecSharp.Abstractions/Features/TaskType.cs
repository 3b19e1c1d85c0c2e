namespace RecSharp.Features;

/// <summary>What a task predicts.</summary>
public enum TaskType
{
    /// <summary>A probability (sigmoid output), trained with binary cross-entropy by default.</summary>
    Binary,
    /// <summary>A raw value, trained with squared error by default.</summary>
    Regression,
}

/// <summary>Conversions between <see cref="TaskType"/> and the reference's names.</summary>
public static class TaskTypes
{
    /// <summary>Parses <c>binary</c> or <c>regression</c>; anything else is an <see
    /// cref="ArgumentException"/>.</summary>
    public static TaskType Parse(string name) => name switch
    {
        "binary" => TaskType.Binary,
        "regression" => TaskType.Regression,
        _ => throw new ArgumentException($"task type must be \"binary\" or \"regression\", \"{name}\" is illegal",
            "taskTypes"),
    };

    /// <summary>The reference's name of a task type.</summary>
    public static string Name(this TaskType type) => type == TaskType.Binary ? "binary" : "regression";
}
