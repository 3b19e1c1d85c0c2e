using System.Globalization;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// A task and its label mapping: with <see cref="TaskConfig.Positive"/>, 1 when the raw text is listed and 0
/// otherwise (with <see cref="TaskConfig.Negative"/> too, unlisted values were already refused when reading); with
/// <see cref="TaskConfig.Threshold"/>, 1 when the number is greater; otherwise the number itself (0/1 for binary
/// tasks, as checked when reading).
/// </summary>
public sealed record FittedTask : TaskConfig
{
    private const int ValuesShown = 5;

    /// <summary>The task as configured.</summary>
    /// <param name="task">The task section entry.</param>
    public static FittedTask From(TaskConfig task) => new()
    {
        Name = task.Name,
        Type = task.Type,
        Label = task.Label,
        Positive = task.Positive,
        Negative = task.Negative,
        Threshold = task.Threshold,
    };

    /// <summary>The name and type the model needs.</summary>
    public TaskDescription Describe() => new(Name, Type);

    /// <summary>Whether <paramref name="table"/> holds this task's label column in the form the mapping
    /// needs.</summary>
    /// <param name="table">The rows.</param>
    public bool CanMap(RawTable table)
        => table.Columns.TryGetValue(Label, out var column)
            && (Positive is null ? column.Numbers is not null : column.Text is not null);

    /// <summary>Maps the label column of <paramref name="table"/> into <paramref name="labels"/>[row, <paramref
    /// name="taskIndex"/>].</summary>
    /// <param name="table">The rows.</param>
    /// <param name="labels">The label matrix to fill.</param>
    /// <param name="taskIndex">This task's column in <paramref name="labels"/>.</param>
    /// <param name="statistics">Receives, for a task that lists only positive values, the values mapped to 0.</param>
    /// <exception cref="DataFormatException">When a numeric label does not fit a 32-bit float.</exception>
    public void Map(RawTable table, double[,] labels, int taskIndex, TransformStatistics? statistics = null)
    {
        var column = table[Label];
        if (Positive is not null)
        {
            var positive = new HashSet<string>(Positive, StringComparer.Ordinal);
            var text = column.Text!;
            var zeros = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < text.Length; i++)
            {
                var isPositive = text[i] is { } v && positive.Contains(v);
                labels[i, taskIndex] = isPositive ? 1 : 0;
                if (!isPositive && Negative is null)
                {
                    zeros[text[i] ?? ""] = zeros.GetValueOrDefault(text[i] ?? "") + 1;
                }
            }

            if (Negative is null)
            {
                statistics?.AddMappedToZero(Name, zeros);
            }

            return;
        }

        var numbers = column.Numbers!;
        for (var i = 0; i < numbers.Length; i++)
        {
            labels[i, taskIndex] = Threshold is { } t ? (numbers[i] > t ? 1 : 0) : numbers[i];
            if (Math.Abs(labels[i, taskIndex]) > float.MaxValue)
            {
                throw table.ErrorAt(i, Label,
                    numbers[i].ToString("R", CultureInfo.InvariantCulture),
                    $"task \"{Name}\": the label is beyond the range of the model's 32-bit floats");
            }
        }
    }

    /// <summary>
    /// Refuses training rows in which a binary task has no positive label (nothing to learn, an undefined AUC, and
    /// most often a mistyped <c>positive</c> value or threshold).
    /// </summary>
    /// <param name="training">The training rows.</param>
    /// <exception cref="DataFormatException">When no training row maps to 1; the message shows the values.</exception>
    public void RequirePositiveRow(RawTable training)
    {
        var check = new Fitting.PositiveLabelCheck(this);
        check.Add(training);
        check.Finish(training.FileName);
    }

    /// <summary>Why the training rows were refused, from the label values seen (<see cref="RequirePositiveRow"/>).
    /// </summary>
    /// <param name="counts">With <see cref="TaskConfig.Positive"/>: the rows per raw value.</param>
    /// <param name="largest">Without it: the largest label.</param>
    internal string NoPositiveProblem(IReadOnlyDictionary<string, long> counts, double largest)
    {
        var start = $"task \"{Name}\": no training row of this binary task has a positive label";
        if (Positive is not null)
        {
            var ordered = counts.OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .ToArray();
            var shown = string.Join(", ", ordered.Take(ValuesShown).Select(kv => $"\"{kv.Key}\" ({kv.Value} rows)"));
            var more = ordered.Length > ValuesShown ? $" and {ordered.Length - ValuesShown} more" : "";
            return $"{start}: no value is one of {string.Join(", ", Positive.Select(p => $"\"{p}\""))}; "
                + $"the column holds {shown}{more}";
        }

        return Threshold is { } threshold
            ? $"{start}: no value is above the threshold {threshold.ToString(CultureInfo.InvariantCulture)} "
                + $"(the largest is {largest.ToString(CultureInfo.InvariantCulture)})"
            : $"{start}: no value is 1";
    }
}
