using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// A task and its label mapping: with <see cref="Positive"/>, 1 when the raw text is listed and 0 otherwise;
/// with <see cref="Threshold"/>, 1 when the number is greater; otherwise the number itself (0/1 for binary tasks,
/// as checked when reading).
/// </summary>
public sealed record FittedTask
{
    /// <summary>The task name.</summary>
    public required string Name { get; init; }

    /// <summary>Binary or regression.</summary>
    public required TaskType Type { get; init; }

    /// <summary>The label column.</summary>
    public required string Label { get; init; }

    /// <summary>The raw values that mean 1, or null.</summary>
    public IReadOnlyList<string>? Positive { get; init; }

    /// <summary>The threshold above which the label is 1, or null.</summary>
    public double? Threshold { get; init; }

    /// <summary>The task as configured.</summary>
    /// <param name="task">The task section entry.</param>
    public static FittedTask From(TaskConfig task) => new()
    {
        Name = task.Name,
        Type = task.Type,
        Label = task.Label,
        Positive = task.Positive,
        Threshold = task.Threshold,
    };

    /// <summary>The name and type the model needs.</summary>
    public TaskDescription Describe() => new(Name, Type);

    /// <summary>Whether <paramref name="table"/> holds this task's label column in the form the mapping needs.</summary>
    /// <param name="table">The rows.</param>
    public bool CanMap(RawTable table)
        => table.Columns.TryGetValue(Label, out var column)
            && (Positive is null ? column.Numbers is not null : column.Text is not null);

    /// <summary>Maps the label column of <paramref name="table"/> into <paramref name="labels"/>[row, <paramref name="taskIndex"/>].</summary>
    /// <param name="table">The rows.</param>
    /// <param name="labels">The label matrix to fill.</param>
    /// <param name="taskIndex">This task's column in <paramref name="labels"/>.</param>
    public void Map(RawTable table, double[,] labels, int taskIndex)
    {
        var column = table[Label];
        if (Positive is not null)
        {
            var positive = new HashSet<string>(Positive, StringComparer.Ordinal);
            var text = column.Text!;
            for (var i = 0; i < text.Length; i++)
            {
                labels[i, taskIndex] = text[i] is { } v && positive.Contains(v) ? 1 : 0;
            }

            return;
        }

        var numbers = column.Numbers!;
        for (var i = 0; i < numbers.Length; i++)
        {
            labels[i, taskIndex] = Threshold is { } t ? (numbers[i] > t ? 1 : 0) : numbers[i];
        }
    }
}
