using RecSharp.Cli;

namespace RecSharp.Serving.Tests.Support;

/// <summary>
/// Two runs of <see cref="ServingData.Experiment"/> trained by <c>recsharp train</c> on the same rows with different
/// model seeds (so their weights and hashes differ), and the first exported by <c>recsharp export</c>: built once for
/// every test of the collection.
/// </summary>
public sealed class TrainedRuns : IDisposable
{
    /// <summary>The training rows.</summary>
    public const int TrainingRows = 400;

    /// <summary>Creates the data file and trains and exports the runs.</summary>
    public TrainedRuns()
    {
        Rows = ServingData.Rows(TrainingRows, seed: 5);
        ServingData.WriteCsv(DataPath, Rows);
        RunA = Train("run-a", seed: 1024);
        RunB = Train("run-b", seed: 7);
        Cli("export", "--model", RunA, "--format", "onnx", "--out", OnnxPath);
        File.Copy(Path.Combine(RunA, "experiment.yaml"), Path.Combine(Folder, "onnx", "experiment.yaml"));
    }

    /// <summary>The temporary folder holding everything; deleted on dispose.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("recsharp-serving-").FullName;

    /// <summary>The rows of the data file, as text fields.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The data file.</summary>
    public string DataPath => Path.Combine(Folder, "data.csv");

    /// <summary>The run trained with the default seed.</summary>
    public string RunA { get; }

    /// <summary>The run trained with another seed.</summary>
    public string RunB { get; }

    /// <summary>
    /// Run A exported as ONNX, with its preprocessing.json and a copy of its experiment.yaml beside it.
    /// </summary>
    public string OnnxPath => Path.Combine(Folder, "onnx", "model.onnx");

    /// <summary>Runs a command line in process, asserting that it succeeds; returns its standard output.</summary>
    public static string Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApplication.Run(args, output, error);
        Assert.True(code == 0, $"recsharp {string.Join(' ', args)} exited with {code}: {error}");
        return output.ToString();
    }

    /// <summary>A copy of <paramref name="run"/> in a new folder of its own, for a test that changes it.</summary>
    public string CopyOf(string run)
    {
        string copy = Directory.CreateDirectory(Path.Combine(Folder, $"copy-{Guid.NewGuid():N}")).FullName;
        foreach (string file in Directory.GetFiles(run)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    private string Train(string name, int seed)
    {
        string config = Path.Combine(Folder, $"{name}.yaml");
        string seedText = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(config, ServingData.Experiment.Replace("{seed}", seedText, StringComparison.Ordinal));
        string run = Path.Combine(Folder, name);
        Cli("train", "--config", config, "--data", DataPath, "--out", run, "--quiet");
        return run;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
