using System.Globalization;
using RecSharp.Application.Runs;
using RecSharp.Data.Configuration;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;
using RecSharp.Persistence;

namespace RecSharp.Application.Preparation;

/// <summary>
/// What <c>recsharp train</c> runs without <c>--config</c>: the experiment
/// <c>examples/click-conversion/experiment.yaml</c> (built into the tool) on impressions from
/// <see cref="ClickConversionGenerator"/>, which are written into the run folder as <see cref="DataFileName"/>, so the
/// run can be evaluated and used for predictions like any other.
/// </summary>
internal static class BuiltInExample
{
    /// <summary>The data file the example writes into its run folder.</summary>
    public const string DataFileName = "example.csv";

    /// <summary>
    /// The generated rows: 20,000 impressions of 100 users and 50 items, so that each user and item is seen often
    /// enough for the model to learn their tastes rather than memorise single impressions.
    /// </summary>
    public static ClickConversionOptions Options { get; } =
        new() { Rows = 20_000, Users = 100, Items = 50, Seed = 1024 };

    /// <summary>The example's experiment file, as written into its run folder.</summary>
    public static string ExperimentYaml { get; } = ReadExperiment();

    /// <summary>How the console and <c>report.json</c> name the example's data.</summary>
    public static string Source => $"the built-in example, {DataFileName} in the run folder";

    /// <summary>
    /// Writes the generated rows into <paramref name="folder"/>; without one (a rank of a data-parallel job that
    /// writes no run folder), into a scratch folder of its own that disposing the result removes.
    /// </summary>
    public static PlacedExample Place(RunFolder? folder)
    {
        if (folder is not null) return new PlacedExample(Write(folder.File(DataFileName)), null);
        string scratch = Directory.CreateTempSubdirectory("recsharp-example-").FullName;
        try
        {
            return new PlacedExample(Write(Path.Combine(scratch, DataFileName)), scratch);
        }
        catch
        {
            Directory.Delete(scratch, recursive: true);
            throw;
        }
    }

    // Writes the generated rows to path; returns the experiment of them.
    private static ExperimentConfig Write(string path)
    {
        var dataset = ClickConversionGenerator.Generate(Options);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            WriteCsv(dataset.Table, writer);
        });
        return ExperimentConfigLoader.Parse(ExperimentYaml, "experiment.yaml", Path.GetDirectoryName(path));
    }

    // A header of feature and task names, then a line per row: ids and labels as integers, dense values round-trip.
    private static void WriteCsv(ColumnarTable table, TextWriter writer)
    {
        writer.WriteLine(string.Join(',', table.FeatureNames.Concat(table.TaskNames)));
        var columns = table.FeatureNames.Select(name => table[name]).ToArray();
        for (int row = 0; row < table.RowCount; row++)
        {
            var fields = columns.Select(column => column switch
            {
                int[] ids => ids[row].ToString(CultureInfo.InvariantCulture),
                float[] values => values[row].ToString("R", CultureInfo.InvariantCulture),
                _ => throw new NotSupportedException($"a {column.GetType().Name} column is not one CSV field"),
            });
            var labels = Enumerable.Range(0, table.TaskNames.Count)
                .Select(t => table.Labels[row, t].ToString(CultureInfo.InvariantCulture));
            writer.WriteLine(string.Join(',', fields.Concat(labels)));
        }
    }

    // The experiment file embedded by the project file under this name.
    private const string ResourceName = "RecSharp.Application.BuiltInExample.yaml";

    private static string ReadExperiment()
    {
        using var stream = typeof(BuiltInExample).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the built-in example's experiment file is not in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
