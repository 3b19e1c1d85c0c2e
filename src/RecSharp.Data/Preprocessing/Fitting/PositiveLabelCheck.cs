using RecSharp.Data.Reading;
using RecSharp.Features;

namespace RecSharp.Data.Preprocessing.Fitting;

/// <summary>
/// Watches the training rows of a binary task, chunk by chunk, for one positive label; until one comes it keeps what
/// the refusal will show: the rows per raw value (tasks with <c>positive</c> values) or the largest label.
/// </summary>
internal sealed class PositiveLabelCheck
{
    private readonly FittedTask task;
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);
    private double largest = double.NegativeInfinity;
    private bool sawRows;
    private bool found;

    public PositiveLabelCheck(FittedTask task)
    {
        this.task = task;
    }

    /// <summary>Whether the check needs rows at all (only binary tasks are checked).</summary>
    public bool NeedsRows => task.Type == TaskType.Binary;

    /// <summary>Looks at a chunk of training rows.</summary>
    /// <param name="chunk">Rows read with the task's label column.</param>
    public void Add(RawTable chunk)
    {
        if (found || !NeedsRows || chunk.RowCount == 0 || !task.CanMap(chunk))
        {
            return;
        }

        sawRows = true;
        var labels = new double[chunk.RowCount, 1];
        task.Map(chunk, labels, 0);
        for (var i = 0; i < chunk.RowCount; i++)
        {
            if (labels[i, 0] == 1)
            {
                found = true;
                counts.Clear();
                return;
            }
        }

        var column = chunk[task.Label];
        if (task.Positive is not null)
        {
            foreach (var value in column.Text!)
            {
                counts[value ?? ""] = counts.GetValueOrDefault(value ?? "") + 1;
            }
        }
        else
        {
            largest = Math.Max(largest, column.Numbers!.Max());
        }
    }

    /// <summary>Refuses the rows seen when none had a positive label.</summary>
    /// <param name="dataName">The training data's name, for the message.</param>
    /// <exception cref="DataFormatException">When rows were seen and none maps to 1.</exception>
    public void Finish(string dataName)
    {
        if (sawRows && !found)
        {
            throw new DataFormatException(dataName, null, task.Label, null, task.NoPositiveProblem(counts, largest));
        }
    }
}
