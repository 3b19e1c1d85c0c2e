using System.Diagnostics;
using RecSharp.Bench.Reporting;
using RecSharp.Cli.Experiments;
using RecSharp.Data.Configuration;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;
using RecSharp.Runtime;
using static TorchSharp.torch;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// Runs the grid: for each correlation and repeat, one data draw (training and test rows from the same seed), on
/// which every model is initialised from that seed, trained with Adam for the same epochs and evaluated on the test
/// rows. All models of a repeat see the same data, so their differences are not those of the draws.
/// </summary>
public static class PaperMmoeRunner
{
    /// <summary>The rows of a test-set evaluation step (evaluation holds no gradients, so it can be large).</summary>
    private const int EvaluationBatch = 4_096;

    /// <summary>Runs the grid of <paramref name="options"/>; <paramref name="finished"/> hears of every trained model.</summary>
    public static PaperMmoeReport Run(PaperMmoeOptions options, Action<PaperMmoeRun> finished)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(finished);
        TorchRuntime.EnsureLoaded();
        set_num_threads(options.Threads);
        long start = Stopwatch.GetTimestamp();
        var runs = new List<PaperMmoeRun>();
        var sizes = new Dictionary<ModelType, long>();
        foreach (double p in options.Correlations)
            for (int repeat = 0; repeat < options.Repeats; repeat++)
            {
                int seed = options.FirstSeed + repeat;
                var (train, test, columns) = Draw(options, p, seed);
                foreach (var type in options.Models)
                {
                    long fitStart = Stopwatch.GetTimestamp();
                    using var model = PaperMmoeModels.Create(type, columns, seed, options.InitStd);
                    sizes[type] = PaperMmoeModels.ParameterCount(model);
                    model.Compile("adam", metrics: ["mse"], learningRate: options.LearningRate);
                    model.Fit(train.ToInputDictionary(), train.Labels, batchSize: options.BatchSize, epochs: options.Epochs, verbose: 0, seed: seed);
                    var scores = model.Evaluate(test.ToInputDictionary(), test.Labels, batchSize: EvaluationBatch);
                    double[] mse = [.. PaperMmoeModels.TaskNames.Select(t => scores[$"{t}_mse"])];
                    var run = new PaperMmoeRun(type, p, seed, mse, Stopwatch.GetElapsedTime(fitStart).TotalSeconds);
                    runs.Add(run);
                    finished(run);
                }
            }
        return new PaperMmoeReport(options, runs, sizes, Stopwatch.GetElapsedTime(start).TotalSeconds, MachineInfo.Collect());
    }

    private static (ColumnarTable Train, ColumnarTable Test, IReadOnlyList<Features.FeatureColumn> Columns) Draw(PaperMmoeOptions options, double p, int seed)
    {
        var set = MmoeSyntheticGenerator.Generate(new MmoeSyntheticOptions
        {
            Rows = options.TrainRows + options.TestRows, Correlation = p, Seed = seed, IndexSineParameters = options.IndexAlpha,
        });
        var train = set.Table.Slice([.. Enumerable.Range(0, options.TrainRows)]);
        var test = set.Table.Slice([.. Enumerable.Range(options.TrainRows, options.TestRows)]);
        return (train, test, FeatureColumnMapping.ToColumns(set.Features));
    }
}
