using RecSharp.Application.Preparation;
using RecSharp.Data.Configuration;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Shared;
using RecSharp.Training;
using TorchSharp;

namespace RecSharp.Tests.Support;

/// <summary>
/// The census experiment (<c>examples/census/experiment.yaml</c> on <c>../shared</c>'s census file) prepared once, as
/// <c>recsharp train</c> prepares it (RecSharp.Data's reader, the shuffled 80/20 split, the preprocessing fitted on the
/// training rows), and the models the census tests train on it, each trained once per test run and shared by the
/// tests that assert on it.
/// </summary>
public sealed class CensusFixture : IDisposable
{
    /// <summary>
    /// The training budget every census model gets: Adam, batch 256, two epochs (the first after which every model of
    /// the family is within 0.01 of PLE's test AUC; after one, the shared bottom still lags on income).
    /// </summary>
    public const int Epochs = 2;

    private readonly Lazy<PreparedData> _data = new(Prepare);
    private readonly Dictionary<string, CensusRun> _runs = [];

    /// <summary>The prepared experiment; skips the test, saying why, when <c>../shared</c> lacks the file.</summary>
    internal PreparedData Data
    {
        get
        {
            SharedFolder.Require(SharedFolder.CensusFile);
            return _data.Value;
        }
    }

    /// <summary>The model's feature columns, declared from the fitted preprocessing as the CLI declares them.</summary>
    public IReadOnlyList<FeatureColumn> Columns => FeatureColumnMapping.ToColumns(Data.Features);

    /// <summary>The task names of the experiment, in its order: income, then marital.</summary>
    public string[] TaskNames => Data.Tasks.Select(t => t.Name).ToArray();

    /// <summary>
    /// The models asked for, each built and trained with its budget the first time it is asked for, with the
    /// test rows as validation data, so its history holds the test metrics of each epoch. Models not trained yet are
    /// built in turn (initialisation draws from libtorch's process-wide generator), then trained side by side, all at
    /// once, on one libtorch thread each: the census models have no dropout, so no fit draws from that generator, and
    /// on a busy machine a fit's threads no longer wait for each other. All at once rather than one per core: the
    /// tests of this project run one at a time, so these fits are the suite's longest stretch, and while other test
    /// projects run beside it a thread per model gives them their share of the cores.
    /// </summary>
    public CensusRun[] Trained(params CensusModel[] models)
    {
        var data = Data;
        lock (_runs)
        {
            var missing = models.Where(m => !_runs.ContainsKey(m.Name)).DistinctBy(m => m.Name)
                .Select(m => (m.Name, Model: m.Build(), m.Nested, m.Epochs)).ToArray();
            History[] histories;
            int threads = torch.get_num_threads();
            torch.set_num_threads(1);
            try
            {
                // A thread of its own per fit, started at once (the thread pool would add them one by one).
                var fits = missing.Select(m => Task.Factory.StartNew(() => Fit(data, m.Model, m.Nested, m.Epochs),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
                histories = Task.WhenAll(fits).GetAwaiter().GetResult();
            }
            finally
            {
                torch.set_num_threads(threads);
            }
            for (int i = 0; i < missing.Length; i++)
                _runs[missing[i].Name] = new CensusRun(missing[i].Model, histories[i]);
            return models.Select(m => _runs[m.Name]).ToArray();
        }
    }

    /// <summary>PLE with the reference's defaults on the experiment's tasks (income, marital).</summary>
    public CensusModel PleModel => new("ple", () => new Ple(Columns, taskNames: TaskNames));

    /// <summary>PLE with the reference's defaults on the experiment's tasks, trained once.</summary>
    public CensusRun Ple() => Trained(PleModel)[0];

    /// <summary>The test rows' labels: income and marital, or the nested labels.</summary>
    public double[,] TestLabels(bool nested = false) => Labels(Data.Test.Labels, nested);

    /// <summary>
    /// Labels of ESMM's shape, where the second implies the first: never married (the "click"), and never married with
    /// income above 50K (the "click and convert").
    /// </summary>
    public static double[,] NestedLabels(double[,] incomeAndMarital)
    {
        int rows = incomeAndMarital.GetLength(0);
        var labels = new double[rows, 2];
        for (int i = 0; i < rows; i++)
        {
            labels[i, 0] = incomeAndMarital[i, 1];
            labels[i, 1] = incomeAndMarital[i, 0] * incomeAndMarital[i, 1];
        }
        return labels;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var run in _runs.Values) run.Model.Dispose();
    }

    private History Fit(PreparedData data, MultiTaskModel model, bool nested, int epochs)
    {
        model.Compile("adam", metrics: ["auc"]);
        return model.Fit(data.Train.ToInputDictionary(), Labels(data.Train.Labels, nested), batchSize: 256,
            epochs: epochs, verbose: 0, validationData: (data.Test.ToInputDictionary(), TestLabels(nested)));
    }

    private static double[,] Labels(double[,] incomeAndMarital, bool nested) =>
        nested ? NestedLabels(incomeAndMarital) : incomeAndMarital;

    private static PreparedData Prepare()
    {
        var config = ExperimentConfigLoader.Load(RepositoryFiles.Path("examples/census/experiment.yaml"))
            .WithDataPath(SharedFolder.Require(SharedFolder.CensusFile));
        return DataPreparation.FromConfig(config, skipBadRows: false);
    }
}
