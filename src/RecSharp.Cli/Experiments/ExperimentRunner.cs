using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecSharp.Data.Configuration;
using RecSharp.Models;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using TorchSharp;

namespace RecSharp.Cli.Experiments;

/// <summary>Trains the configured model on prepared data, evaluates it on the test rows and writes the run folder.</summary>
public static class ExperimentRunner
{
    /// <summary>Runs the experiment; returns the test metrics. Writes <c>model.safetensors</c> and <c>report.json</c> into <paramref name="folder"/>.</summary>
    public static Dictionary<string, double> Run(PreparedData data, ModelConfig modelConfig, TrainingConfig training, RunFolder folder,
        TextWriter output, int verbose = 1)
    {
        if (training.Threads is { } threads) torch.set_num_threads(threads);
        var clock = Stopwatch.StartNew();
        var columns = FeatureColumnMapping.ToColumns(data.Features);
        using var model = ModelFactory.Create(modelConfig, columns, data.Tasks);
        model.Compile(training.Optimizer, loss: training.Losses?.Select(l => (TaskLoss)l).ToArray(), metrics: training.Metrics,
            lossWeights: training.LossWeights, learningRate: training.LearningRate);
        var callbacks = new List<Callback>();
        if (training.EarlyStopping is { } stop)
            callbacks.Add(new EarlyStopping(stop.Monitor, stop.MinDelta, stop.Patience, stop.Mode, restoreBestWeights: true));

        output.WriteLine($"Training {modelConfig.Type} on {data.Train.RowCount} rows ({data.Source}); {data.Test.RowCount} test rows.");
        var history = model.Fit(data.Train.ToInputDictionary(), data.Train.Labels, batchSize: training.BatchSize, epochs: training.Epochs,
            verbose: verbose, validationSplit: training.ValidationSplit, callbacks: callbacks, seed: training.Seed, output: output);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var testMetrics = data.Test.RowCount > 0 ? model.Evaluate(data.Test.ToInputDictionary(), data.Test.Labels, batchSize: 1024) : [];
        MetricsTable.Write(output, model.Tasks.Select(t => t.Name).ToArray(), training.Metrics, testMetrics);

        model.Save(folder.File("model.safetensors"), data.PreprocessingJson);
        var report = new JsonObject
        {
            ["model"] = modelConfig.Type.ToString(),
            ["source"] = data.Source,
            ["rows"] = new JsonObject { ["train"] = data.Train.RowCount, ["test"] = data.Test.RowCount },
            ["skipped_rows"] = data.BadRows is null ? 0 : data.BadRows.SkippedCount,
            ["skipped_row_lines"] = data.BadRows is null ? new JsonArray() : new JsonArray(data.BadRows.FirstLineNumbers.Select(l => (JsonNode?)l).ToArray()),
            ["training"] = JsonSerializer.SerializeToNode(training),
            ["history"] = JsonSerializer.SerializeToNode(history.Values.ToDictionary(kv => kv.Key, kv => kv.Value.Select(Finite).ToArray())),
            ["test_metrics"] = JsonSerializer.SerializeToNode(testMetrics.ToDictionary(kv => kv.Key, kv => Finite(kv.Value))),
            ["timings_seconds"] = new JsonObject { ["train"] = trainSeconds, ["total"] = clock.Elapsed.TotalSeconds },
        };
        File.WriteAllText(folder.File("report.json"), report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return testMetrics;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
