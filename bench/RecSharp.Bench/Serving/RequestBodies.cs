using System.Text.Json;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;

namespace RecSharp.Bench.Serving;

/// <summary>
/// Prediction request bodies built from the rows of a data file as the run's experiment reads them: one object per
/// row, numbers for dense columns, text for the rest, null where a value is missing.
/// </summary>
internal static class RequestBodies
{
    /// <summary>
    /// <paramref name="count"/> bodies of <paramref name="rowsPerRequest"/> consecutive rows each, from the first rows
    /// of <paramref name="dataPath"/> (taken again from the start when the file has fewer).
    /// </summary>
    public static byte[][] Build(string runFolder, string dataPath, int rowsPerRequest, int count)
    {
        var config = ExperimentConfigLoader.Load(Path.Combine(runFolder, "experiment.yaml"));
        int wanted = Math.Max(rowsPerRequest, Math.Min(count * rowsPerRequest, 20_000));
        var table = CsvTableReader.ForExperiment(config, includeLabels: false).ReadChunks(dataPath, wanted).First();
        if (table.RowCount < rowsPerRequest)
        {
            throw new InvalidOperationException(
                $"{dataPath} has {table.RowCount} rows; a request needs {rowsPerRequest}");
        }
        var rows = Enumerable.Range(0, count)
            .Select(i => Enumerable.Range(i * rowsPerRequest, rowsPerRequest).Select(r => r % table.RowCount));
        return rows.Select(r => Body(table, r)).ToArray();
    }

    private static byte[] Body(RawTable table, IEnumerable<int> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("rows");
            foreach (int row in rows)
            {
                writer.WriteStartObject();
                foreach (var column in table.Columns.Values)
                {
                    if (column.Numbers is { } numbers && !double.IsNaN(numbers[row]))
                        writer.WriteNumber(column.Name, numbers[row]);
                    else if (column.Numbers is null && column.Text![row] is { } text)
                        writer.WriteString(column.Name, text);
                    else
                        writer.WriteNull(column.Name);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
