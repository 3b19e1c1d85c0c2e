using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Application.Runs;
using RecSharp.Bench.Workloads;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;

namespace RecSharp.Bench.Serving;

/// <summary>
/// The run folder the benchmark serves and the rows its requests carry: a given run with its own data file, or the
/// census experiment trained as <c>recsharp train</c> trains it (on a sample of the file in a dry run) in a temporary
/// folder.
/// </summary>
internal sealed class ServedRun : IDisposable
{
    private readonly string? _temporary;

    private ServedRun(string folder, string dataPath, string? temporary)
    {
        Folder = folder;
        DataPath = dataPath;
        _temporary = temporary;
    }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>The data file the request rows come from.</summary>
    public string DataPath { get; }

    /// <summary>The run <paramref name="options"/> name, or a census run trained now.</summary>
    public static ServedRun Prepare(ServeBenchOptions options, TextWriter log)
    {
        if (options.ModelPath is { } model)
        {
            if (!File.Exists(Path.Combine(model, "model.safetensors")))
                throw new UsageException($"--model {model} is not a run folder written by recsharp train");
            string experiment = Path.Combine(model, "experiment.yaml");
            string? data = options.DataPath
                ?? (File.Exists(experiment) ? ExperimentConfigLoader.Load(experiment).Data.Path : null);
            return data is not null && File.Exists(data)
                ? new ServedRun(Path.GetFullPath(model), Path.GetFullPath(data), null)
                : throw new UsageException(
                    "no data file for the requests: give --data, a file the run's experiment can read");
        }
        string census = options.DataPath is { } given ? Path.GetFullPath(given)
            : WorkloadFactory.FindSharedCensus()
              ?? throw new UsageException("no data file: give --data (the shared census-income.test.gz) or --model");
        string temporary = Directory.CreateTempSubdirectory("recsharp-bench-serve-").FullName;
        try
        {
            string trainOn = options.DryRun
                ? Sample(census, options.SampleRows, Path.Combine(temporary, "sample.csv"))
                : census;
            string run = Path.Combine(temporary, "run");
            log.WriteLine($"training the census experiment on {trainOn} as recsharp train does");
            Train(trainOn, run);
            return new ServedRun(run, census, temporary);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    // The census experiment on the given data, written into a run folder by recsharp train's runner (without output).
    private static void Train(string data, string run)
    {
        var config = ExperimentConfigLoader.Load(WorkloadFactory.CensusExperimentPath).WithDataPath(data);
        using var folder = RunFolder.Prepare(run, overwrite: false, []);
        var prepared = DataPreparation.FromConfig(config, skipBadRows: false);
        ExperimentRunner.Run(prepared, config.Model, config.Training, folder, new CliOutput(TextWriter.Null),
            showProgress: false);
        File.Copy(WorkloadFactory.CensusExperimentPath, folder.File("experiment.yaml"));
        folder.Commit([]);
    }

    // The first lines of a (possibly compressed) data file, as text.
    private static string Sample(string data, int rows, string path)
    {
        using var reader = DataFileOpener.OpenText(data);
        using var writer = new StreamWriter(path);
        for (int i = 0; i < rows && reader.ReadLine() is { } line; i++) writer.WriteLine(line);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_temporary is not null) Directory.Delete(_temporary, recursive: true);
    }
}
