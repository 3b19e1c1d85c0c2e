using RecSharp.Data.Reading;
using RecSharp.Data.Writing;

namespace RecSharp.Cli.Commands;

/// <summary>
/// The columns <c>recsharp predict</c> writes for a chunk of rows: its keys, then one score per task.
/// </summary>
internal static class ScoreColumns
{
    /// <summary>
    /// The rows' id (when the experiment names an <c>idColumn</c>), their line in the input file, and each task's
    /// score of <paramref name="scores"/> <c>(rows, tasks)</c>.
    /// </summary>
    public static DataChunk Of(RawTable rows, double[,] scores, string? idColumn, IReadOnlyList<string> tasks)
    {
        var columns = new List<KeyValuePair<string, Array>>();
        if (idColumn is not null) columns.Add(new(idColumn, rows[idColumn].Text ?? new string?[rows.RowCount]));
        columns.Add(new(PredictCommand.LineColumn, rows.LineNumbers));
        for (int t = 0; t < tasks.Count; t++)
        {
            var column = new double[rows.RowCount];
            for (int i = 0; i < column.Length; i++) column[i] = scores[i, t];
            columns.Add(new(tasks[t], column));
        }
        return new DataChunk(rows.RowCount, columns);
    }
}
