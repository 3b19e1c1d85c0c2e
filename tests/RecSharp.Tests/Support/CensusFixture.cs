using RecSharp.Cli.Experiments;
using RecSharp.Data.Configuration;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Shared;
using RecSharp.Training;

namespace RecSharp.Tests.Support;

/// <summary>
/// The census experiment (<c>examples/census/experiment.yaml</c> on <c>../shared</c>'s census file) prepared once, as
/// <c>recsharp train</c> prepares it (RecSharp.Data's reader, the shuffled 80/20 split, the preprocessing fitted on the
/// training rows), and the models the census tests train on it, each trained once per test run and shared by the
/// tests that assert on it.
/// </summary>
public sealed class CensusFixture : IDisposable
{
    /// <summary>The training budget every census model gets: Adam, batch 256, three epochs.</summary>
    public const int Epochs = 3;

    private readonly Lazy<PreparedData> _data = new(Prepare);
    private readonly Dictionary<string, CensusRun> _runs = [];

    /// <summary>The prepared experiment, skipping the test with the reason when <c>../shared</c> lacks the file.</summary>
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
    /// The model named <paramref name="name"/>, built by <paramref name="build"/> and trained with the census budget the
    /// first time it is asked for, with the test rows as validation data, so its history holds the test metrics of each
    /// epoch. <paramref name="nested"/> trains on the nested labels (see <see cref="NestedLabels"/>).
    /// </summary>
    public CensusRun Trained(string name, Func<MultiTaskModel> build, bool nested = false)
    {
        var data = Data;
        lock (_runs)
        {
            if (_runs.TryGetValue(name, out var run)) return run;
            var model = build();
            model.Compile("adam", metrics: ["auc"]);
            var history = model.Fit(data.Train.ToInputDictionary(), Labels(data.Train.Labels, nested), batchSize: 256,
                epochs: Epochs, verbose: 0, validationData: (data.Test.ToInputDictionary(), TestLabels(nested)));
            return _runs[name] = new CensusRun(model, history);
        }
    }

    /// <summary>PLE with the reference's defaults on the experiment's tasks (income, marital), trained once.</summary>
    public CensusRun Ple() => Trained("ple", () => new Ple(Columns, taskNames: TaskNames));

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

    private static double[,] Labels(double[,] incomeAndMarital, bool nested) =>
        nested ? NestedLabels(incomeAndMarital) : incomeAndMarital;

    private static PreparedData Prepare()
    {
        var config = ExperimentConfigLoader.Load(RepositoryFiles.Path("examples/census/experiment.yaml"))
            .WithDataPath(SharedFolder.Require(SharedFolder.CensusFile));
        return DataPreparation.FromConfig(config, skipBadRows: false);
    }
}
