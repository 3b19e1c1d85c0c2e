using System.Diagnostics;
using System.Runtime.InteropServices;
using RecSharp.Catalog;
using RecSharp.Application.Preparation;
using RecSharp.Bench.Reporting;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;
using RecSharp.Features;
using RecSharp.Runtime;
using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// Runs the grid: for each correlation and repeat, one data draw (training and test rows from the same seed), on
/// which every model is initialised from that seed, trained with Adam for the same epochs and evaluated on the test
/// rows. All models of a repeat see the same data, so their differences are not those of the draws.
/// <para>
/// TorchSharp 0.107's optimizers pass temporary <c>Scalar</c>s to libtorch without keeping them alive, so a garbage
/// collection during a step can free one while libtorch reads it, and the step fails with an
/// <see cref="ExternalException"/> ("Expected false to be true"). A fit that fails so is run again from its seed,
/// which repeats it exactly; the report counts these re-runs.
/// </para>
/// </summary>
internal static class PaperMmoeRunner
{
    /// <summary>The rows of a test-set evaluation step (evaluation holds no gradients, so it can be large).</summary>
    private const int EvaluationBatch = 4_096;

    /// <summary>Attempts at one fit before its failure is reported.</summary>
    private const int MaxAttempts = 3;

    /// <summary>
    /// Runs the grid of <paramref name="options"/>; <paramref name="finished"/> hears of every trained model.
    /// </summary>
    public static PaperMmoeReport Run(PaperMmoeOptions options, Action<PaperMmoeRun> finished)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(finished);
        TorchRuntime.EnsureLoaded();
        set_num_threads(options.Threads);
        long start = Stopwatch.GetTimestamp();
        var runs = new List<PaperMmoeRun>();
        var sizes = new Dictionary<ModelDefinition, long>();
        foreach (double p in options.Correlations)
        {
            for (int repeat = 0; repeat < options.Repeats; repeat++)
            {
                int seed = options.FirstSeed + repeat;
                var data = Draw(options, p, seed);
                foreach (var type in options.Models)
                {
                    long fitStart = Stopwatch.GetTimestamp();
                    var (mse, parameters, reruns) = TrainWithReruns(options, type, seed, data);
                    sizes[type] = parameters;
                    double fitSeconds = Stopwatch.GetElapsedTime(fitStart).TotalSeconds;
                    var run = new PaperMmoeRun(type, p, seed, mse, fitSeconds, reruns);
                    runs.Add(run);
                    finished(run);
                }
            }
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new PaperMmoeReport(options, runs, sizes, seconds, MachineInfo.Collect());
    }

    // Trains and evaluates one model, again from its seed when libtorch fails the fit (see the class remarks).
    private static (double[] Mse, long Parameters, int Reruns) TrainWithReruns(
        PaperMmoeOptions options, ModelDefinition type, int seed, DrawnData data)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var (mse, parameters) = Train(options, type, seed, data);
                return (mse, parameters, attempt - 1);
            }
            catch (ExternalException) when (attempt < MaxAttempts)
            {
            }
            catch (ExternalException e)
            {
                string reason = e.Message.Split('\n')[0].Trim();
                throw new InvalidOperationException(
                    $"libtorch failed the fit of {type} with seed {seed} {MaxAttempts} times, last: {reason}", e);
            }
        }
    }

    private static (double[] Mse, long Parameters) Train(
        PaperMmoeOptions options, ModelDefinition type, int seed, DrawnData data)
    {
        using var model = PaperMmoeModels.Create(type, data.Columns, seed, options.InitStd);
        model.Compile("adam", metrics: ["mse"], learningRate: options.LearningRate);
        model.Fit(data.Train.ToInputDictionary(), data.Train.Labels, batchSize: options.BatchSize,
            epochs: options.Epochs, verbose: 0, seed: seed);
        var scores = model.Evaluate(data.Test.ToInputDictionary(), data.Test.Labels, batchSize: EvaluationBatch);
        return ([.. PaperMmoeModels.TaskNames.Select(t => scores[$"{t}_mse"])], PaperMmoeModels.ParameterCount(model));
    }

    private static DrawnData Draw(PaperMmoeOptions options, double p, int seed)
    {
        var set = MmoeSyntheticGenerator.Generate(new MmoeSyntheticOptions
        {
            Rows = options.TrainRows + options.TestRows,
            Correlation = p,
            Seed = seed,
            IndexSineParameters = options.IndexAlpha,
        });
        var train = set.Table.Slice([.. Enumerable.Range(0, options.TrainRows)]);
        var test = set.Table.Slice([.. Enumerable.Range(options.TrainRows, options.TestRows)]);
        return new DrawnData(train, test, FeatureColumnMapping.ToColumns(set.Features));
    }

    // One data draw: the first rows train, the rest test; the columns declare the d dense inputs.
    private sealed record DrawnData(ColumnarTable Train, ColumnarTable Test, IReadOnlyList<FeatureColumn> Columns);
}
