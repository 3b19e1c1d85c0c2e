using System.Text.Json.Nodes;
using RecSharp.Data.Configuration;
using RecSharp.Models;
using RecSharp.Tests.Shared;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Metrics;

namespace RecSharp.Tests.Training;

/// <summary>
/// Which metrics each task gets (a list applied by task type, or each task's own) and GAUC by an input.
/// </summary>
public class TaskMetricsTests
{
    private static (Dictionary<string, Array> X, double[,] Y) ClickAndDwell(int rows)
    {
        var x = SyntheticInputs.Inputs(rows);
        var y = SyntheticInputs.BinaryLabels(x);
        for (int i = 0; i < rows; i++) y[i, 1] = 2 * ((double[])x["price"])[i];       // dwell: a regression label
        return (x, y);
    }

    private static Ple ClickAndDwellModel() =>
        SyntheticInputs.TinyPle(taskTypes: ["binary", "regression"], taskNames: ["click", "dwell"]);

    private static Dictionary<string, IReadOnlyList<string>> For(string task, params string[] metrics) =>
        new() { [task] = metrics };

    [Fact]
    public void AListAppliesEachMetricToTheTasksOfTheTypeItSuits()
    {
        var (x, y) = ClickAndDwell(40);
        using var model = ClickAndDwellModel();

        model.Compile("adam", metrics: ["auc", "logloss", "mse"]);
        var metrics = model.Evaluate(x, y);

        Assert.Equal(["click_auc", "click_logloss", "dwell_mse"], metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["auc", "logloss", "mse"], model.Setup()!.MetricNames);
    }

    [Fact]
    public void PerTaskMetricsReplaceTheListForTheTasksTheyName()
    {
        var (x, y) = ClickAndDwell(40);
        using var model = ClickAndDwellModel();

        model.Compile("adam", metrics: ["mae"], taskMetrics: For("click", "auc", "mse"));
        var metrics = model.Evaluate(x, y);
        var clicks = model.PredictByTask(x)["click"];

        Assert.Equal(["click_auc", "click_mse", "dwell_mae"], metrics.Keys.Order(StringComparer.Ordinal));
        double brier = EvaluationMetrics.MeanSquaredError(SyntheticInputs.Column(y, 0), clicks);
        Assert.Equal(brier, metrics["click_mse"], 12);
    }

    [Fact]
    public void MetricsThatCannotApplyAreRefusedNamingTheProblem()
    {
        using var model = ClickAndDwellModel();
        using var binaryOnly = SyntheticInputs.TinyPle();

        string Refused(MultiTaskModel m, Action<MultiTaskModel> compile)
        {
            var error = Assert.Throws<ArgumentException>(() => compile(m));
            Assert.Null(m.Setup());
            return error.Message;
        }

        Assert.Contains("needs 0/1 labels, but task \"dwell\" is a regression",
            Refused(model, m => m.Compile(taskMetrics: For("dwell", "auc"))));
        Assert.Contains("names the task \"clicks\", which the model does not have",
            Refused(model, m => m.Compile(taskMetrics: For("clicks", "auc"))));
        Assert.Contains("metric mse measures errors of values and the model has no regression task",
            Refused(binaryOnly, m => m.Compile(metrics: ["mse"])));
        Assert.Contains("give groupBy", Refused(model, m => m.Compile(metrics: ["gauc"])));
        Assert.Contains("groupBy names \"price\", which is not a sparse feature",
            Refused(model, m => m.Compile(metrics: ["gauc"], groupBy: "price")));
    }

    [Fact]
    public void GaucGroupsTheRowsByTheGroupByInputInEvaluateAndValidation()
    {
        var (x, y) = ClickAndDwell(120);
        using var model = ClickAndDwellModel();
        model.Compile("adam", metrics: ["gauc"], groupBy: "user", learningRate: 0.05);

        var history = model.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0, validationSplit: 0.25);
        var validation = SyntheticInputs.Rows(x, 90, 30);
        var users = ((int[])validation["user"]).Select(u => (long)u).ToArray();
        var clicks = model.PredictByTask(validation)["click"];
        double[] labels = SyntheticInputs.Column(SyntheticInputs.Rows(y, 90, 30), 0);
        double expected = EvaluationMetrics.GroupAuc(labels, clicks, users);

        Assert.Equal(expected, history["val_click_gauc"][0], 9);
        Assert.Equal(expected, model.Evaluate(validation, SyntheticInputs.Rows(y, 90, 30))["click_gauc"], 9);
        Assert.NotEqual(EvaluationMetrics.Auc(labels, clicks), expected);
        Assert.False(history.Values.ContainsKey("val_dwell_gauc"));
    }

    [Fact]
    public void TheExperimentFileAcceptsTheLibrarysMetricsForTheTasksTheySuit()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("docs/configuration.schema.json")))!;
        var names = schema["$defs"]!["metric"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

        foreach (var name in names)
        {
            var metric = MetricRegistry.Resolve(name);
            string yaml = $$"""
                tasks: [{ name: spend, type: regression, label: spend }]
                features: [{ name: user, kind: sparse }]
                model: { type: mmoe }
                training: { groupBy: user, metrics: { spend: [{{name}}] } }
                """;
            bool accepted = Record.Exception(() => ExperimentConfigLoader.Parse(yaml)) is null;
            Assert.True(accepted == (metric.Kind == MetricKind.Regression), $"{name}: {accepted}, {metric.Kind}");
        }
        var canonical = MetricRegistry.KnownNames.Select(n => MetricRegistry.Resolve(n).Name).Distinct().Order();
        Assert.Equal(canonical, names.Where(n => MetricRegistry.Resolve(n).Name == n).Order());
    }
}
