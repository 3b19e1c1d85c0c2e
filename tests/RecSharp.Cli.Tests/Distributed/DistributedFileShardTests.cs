using System.Text.Json;
using RecSharp.Application.Preparation;
using RecSharp.Cli.Tests.Support;
using RecSharp.Data.Configuration;
using RecSharp.Data.Tables;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Tests.Shared;
using RecSharp.Training;

namespace RecSharp.Cli.Tests.Distributed;

/// <summary>
/// <c>mpirun -np 2 recsharp train … --distributed mpi</c> over a sharded source of at least as many files as ranks:
/// rank r trains on the rows of the files i with i mod 2 = r, and a rank other than 0 reads only its own files.
/// </summary>
public sealed class DistributedFileShardTests : IDisposable
{
    // The shards' experiment with a validation split, on one libtorch thread per rank.
    private static readonly string Config = ClickShardsExperiment.Yaml.Replace("testSplit: 0.25",
        "testSplit: 0.25\n  validationSplit: 0.2\n  threads: 1", StringComparison.Ordinal);

    private readonly CliWorkspace _workspace = new();

    [SkippableFact]
    public void EachRankTrainsOnTheRowsOfItsOwnFilesAndTheOthersReadOnlyTheirs()
    {
        MpiJob.Launcher();
        var generate = CliWorkspace.Run("generate", "--kind", "click-conversion", "--rows", "600", "--shards", "3",
            "--out", _workspace.PathOf(Path.Combine("data", "clicks.parquet")));
        Assert.True(generate.Code == 0, generate.Err);
        string config = _workspace.PathOf("shards.yaml");
        File.WriteAllText(config, Config);
        string run = _workspace.PathOf("run");

        var (code, output, error) = MpiJob.Run(2, MpiJob.Cli, "train", "--config", config, "--out", run,
            "--distributed", "mpi");

        Assert.True(code == 0, error);
        Assert.Contains("rank r trains on the rows of the files i (of 3) with i mod 2 = r", output);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "report.json")));
        var distributed = report.RootElement.GetProperty("distributed");
        Assert.Equal("files", distributed.GetProperty("divided_by").GetString());
        // 200 rows a file: rank 0 reads all three (it fits the preprocessing), rank 1 only its file 1.
        Assert.Equal([600L, 200L], Longs(distributed.GetProperty("rows_read_per_rank")));
        // The split is the single process's; of its training rows, rank 1 has those of rows 200 to 399.
        var loaded = ExperimentConfigLoader.Load(config);
        var (rest, _) = ShuffleSplit.Indices(600, 0.25, loaded.Training.ShuffleSeed);
        var train = rest[..(int)(rest.Length * 0.8)];
        long second = train.Count(row => row is >= 200 and < 400);
        Assert.Equal([train.Length - second, second], Longs(distributed.GetProperty("training_rows_per_rank")));

        // The test metrics are those of the single process's test rows, which every rank holds its files' share of.
        var data = DataPreparation.FromConfig(loaded, skipBadRows: false);
        using var model = ModelPersistence.Load(Path.Combine(run, "model.safetensors"));
        model.Compile(metrics: loaded.Training.Metrics);
        var expected = model.Evaluate(data.Test.ToInputDictionary(), data.Test.Labels, batchSize: 1024);
        var written = report.RootElement.GetProperty("test_metrics");
        foreach (var (name, value) in expected) Assert.Equal(value, written.GetProperty(name).GetDouble(), 1e-6);
    }

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public void Dispose() => _workspace.Dispose();
}
