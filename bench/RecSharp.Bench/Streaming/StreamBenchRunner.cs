using System.Diagnostics;
using RecSharp.Catalog;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Bench.DataScale;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Writing;
using RecSharp.Training;
using RecSharp.Training.Streaming;

namespace RecSharp.Bench.Streaming;

/// <summary>
/// Trains one epoch of the census-like MMOE streamed from generated Parquet files (the rows/s and the peak working
/// set of the process, which holds nothing else), and one epoch of the census PLE at batch 256 from a Parquet copy of
/// the census file, streamed and in memory, as <c>recsharp train</c> prepares and fits them. The two census epochs
/// follow a third, unreported one, so that the just-in-time compilation of the training code (about a processor
/// second) falls on neither.
/// </summary>
internal static class StreamBenchRunner
{
    private const int DryRows = 3_000;

    public static StreamBenchReport Run(StreamBenchOptions options, TextWriter log)
    {
        if (options.Threads is { } threads)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        var folder = Directory.CreateTempSubdirectory("recsharp-stream-bench-").FullName;
        try
        {
            var phases = new List<StreamPhase>();
            var censusLike = ExperimentConfigLoader.Load(DataBenchRunner.Experiment);
            var data = options.DryRun ? Generate(folder) : options.Data;
            if (data is not null)
            {
                phases.Add(Streamed(censusLike.WithDataPath(data), "census-like Parquet", log));
            }

            var census = options.DryRun
                ? censusLike.WithDataPath(data!) with { Model = new ModelConfig { Type = ModelNames.Model("ple") } }
                : options.Census is { } path ? ParquetCopy(CensusExperiment().WithDataPath(path), folder, log) : null;
            if (census is not null)
            {
                phases.Add(ReadOnly(census, "census Parquet", log));
                // An unreported epoch first, so that neither measured one pays for compiling the training code.
                InMemory(census, "census Parquet", log);
                phases.Add(Streamed(census, "census Parquet", log));
                phases.Add(InMemory(census, "census Parquet", log));
            }

            var machine = Reporting.MachineInfo.Collect();
            return new StreamBenchReport(phases, $"{machine.Cpu}, {machine.LogicalCores} cores, "
                + $"{TorchSharp.torch.get_num_threads()} libtorch threads, {machine.DotNet}, {machine.Build}, "
                + $"load {machine.LoadAverage}", options.DryRun);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ExperimentConfig CensusExperiment()
        => ExperimentConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "Examples", "census-experiment.yaml"));

    private static StreamPhase Streamed(ExperimentConfig config, string source, TextWriter log)
    {
        log.WriteLine($"{config.Model.Type.Name} streamed from {config.Data.Path}…");
        var prepare = Measured(() => StreamingPreparation.Prepare(config, skipBadRows: false));
        var data = prepare.Result;
        var streamed = data.Streamed!;
        var train = Train(config, data, (model, t) => model.Fit(streamed.Train, batchSize: t.BatchSize, epochs: 1,
            verbose: 0, streaming: new StreamingOptions { ShuffleBuffer = t.ShuffleBuffer }, seed: t.Seed));
        return Phase(config, source, "streamed", data.TrainRows, prepare, train);
    }

    // What the streaming reader does each epoch without training: read, split, encode and convert to tensors.
    private static StreamPhase ReadOnly(ExperimentConfig config, string source, TextWriter log)
    {
        log.WriteLine($"reading {config.Data.Path} as a streaming epoch does, without training…");
        var prepare = Measured(() => StreamingPreparation.Prepare(config, skipBadRows: false));
        var data = prepare.Result;
        var layout = new Features.FeatureLayout(FeatureColumnMapping.ToColumns(data.Features));
        var stream = data.Streamed!.Train;
        var read = Measured(() =>
        {
            long rows = 0;
            for (int part = 0; part < stream.Parts.Count; part++)
            {
                foreach (var chunk in stream.ReadPart(part))
                {
                    using var tensors = Inputs.InputConverter.ToTensors(layout, chunk.X);
                    rows += tensors.Rows;
                }
            }

            return rows;
        });
        return Phase(config, source, "reading only", read.Result, prepare, read) with { Model = "none" };
    }

    private static StreamPhase InMemory(ExperimentConfig config, string source, TextWriter log)
    {
        log.WriteLine($"{config.Model.Type.Name} in memory from {config.Data.Path}…");
        var prepare = Measured(() => DataPreparation.FromConfig(config, skipBadRows: false));
        var data = prepare.Result;
        var train = Train(config, data, (model, t) => model.Fit(data.Train.ToInputDictionary(), data.Train.Labels,
            batchSize: t.BatchSize, epochs: 1, verbose: 0, seed: t.Seed));
        return Phase(config, source, "in memory", data.TrainRows, prepare, train);
    }

    // Builds and compiles the experiment's model as recsharp train does; measures the epoch.
    private static Measurement<bool> Train(
        ExperimentConfig config, PreparedData data, Action<Models.MultiTaskModel, TrainingConfig> fit)
    {
        using var model = ModelFactory.Create(config.Model, FeatureColumnMapping.ToColumns(data.Features), data.Tasks);
        var training = config.Training;
        model.Compile(training.Optimizer, metrics: training.Metrics, lossWeights: training.LossWeights,
            learningRate: training.LearningRate);
        return Measured(() =>
        {
            fit(model, training);
            return true;
        });
    }

    // The run's wall-clock seconds, the processor seconds of all the process's threads (which the other processes of
    // a loaded machine do not inflate), and its memory peak.
    private static Measurement<T> Measured<T>(Func<T> run)
    {
        using var sampler = new MemoryPeakSampler();
        var processor = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var result = run();
        double seconds = clock.Elapsed.TotalSeconds;
        double processorSeconds = (Environment.CpuUsage.TotalTime - processor).TotalSeconds;
        return new Measurement<T>(result, seconds, processorSeconds, sampler.Stop());
    }

    private static StreamPhase Phase<TPrepared, TTrained>(ExperimentConfig config, string source, string mode,
        long rows, Measurement<TPrepared> prepare, Measurement<TTrained> train)
    {
        using var process = Process.GetCurrentProcess();
        var model = config.Model.Type.Name;
        return new StreamPhase(model, source, mode, rows, prepare.Seconds, train.Seconds, process.PeakWorkingSet64)
        {
            TrainProcessorSeconds = train.ProcessorSeconds,
            PreparePeak = prepare.Peak,
            TrainPeak = train.Peak,
        };
    }

    private sealed record Measurement<T>(T Result, double Seconds, double ProcessorSeconds, MemoryPeak Peak);

    private static string Generate(string folder)
    {
        var paths = DataFileWriter.ShardPaths(Path.Combine(folder, "people.parquet"), 2);
        SyntheticRows.Create(SyntheticKind.CensusLike, seed: 1024).WriteShards(DryRows, paths, 500, (path, write) =>
        {
            using var stream = File.Create(path);
            write(stream);
        });
        return Path.Combine(folder, "people-*.parquet");
    }

    // The experiment's columns, as read from its file, written to Parquet; the experiment reading that copy.
    private static ExperimentConfig ParquetCopy(ExperimentConfig config, string folder, TextWriter log)
    {
        log.WriteLine($"writing {config.Data.Path} as Parquet…");
        var path = Path.Combine(folder, "census.parquet");
        using (var stream = File.Create(path))
        {
            var chunks = DataSource.ForExperiment(config).ReadChunks(100_000).Select(DataChunk.From);
            DataFileWriter.Write(stream, path, chunks);
        }

        return config with { Data = config.Data with { Path = path, Format = DataFileFormat.Parquet, Missing = [""] } };
    }
}
