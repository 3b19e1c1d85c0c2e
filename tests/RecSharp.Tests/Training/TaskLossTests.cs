using RecSharp.Training;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training;

/// <summary>The named losses compute their textbook formulas, summed over the rows.</summary>
public class TaskLossTests
{
    private static readonly float[] Predictions = [0.2f, 3.5f, -1.0f, 0.9f];
    private static readonly float[] Labels = [0.0f, 1.0f, 1.5f, 1.0f];

    [Theory]
    [InlineData("mse")]
    [InlineData("mae")]
    [InlineData("huber")]
    public void ANamedRegressionLossSumsItsFormulaOverTheRows(string name)
    {
        double expected = Predictions.Zip(Labels, (p, y) => Formula(name, p - y)).Sum();

        using var p = tensor(Predictions);
        using var y = tensor(Labels);
        using var loss = TaskLoss.Named(name).Sum(p, y);

        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void AnUnknownNameListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => TaskLoss.Named("hubber"));
        Assert.Contains("huber", error.Message);
    }

    [Theory]
    [InlineData("binary_crossentropy")]
    [InlineData("mse")]
    public void OneNamedLossForEveryTaskGivesTheSumAndGradientsOfTheTaskByTaskLoss(string name)
    {
        // The same loss for every task, each weighted 1, is one call over the (rows, tasks) columns; a custom loss
        // with the same formula goes task by task. Both sum the same terms and give the same gradients.
        using var scope = NewDisposeScope();
        var named = TaskLoss.Named(name);
        var custom = TaskLoss.Custom(named.Sum, name);
        using var generator = new Generator(3);
        var labels = rand(64, 2, generator: generator).round();                              // (rows, tasks)
        var atOnce = rand(64, 2, generator: generator).clamp(0.05, 0.95).requires_grad_();  // (rows, tasks)
        var byTask = atOnce.detach().clone().requires_grad_();

        var joined = StepLoss.DataLoss(Setup(named), atOnce, labels, null);
        var separate = StepLoss.DataLoss(Setup(custom), byTask, labels, null);
        joined.backward();
        separate.backward();

        Assert.True(Setup(named).OneLossForAllTasks, "the named loss is not summed in one call");
        Assert.False(Setup(custom).OneLossForAllTasks, "the custom loss is summed in one call");
        Assert.Equal(separate.item<float>(), joined.item<float>(), 3);
        Assert.True(atOnce.grad!.equal(byTask.grad!).all().item<bool>(), "the gradients differ");
    }

    private static TrainingSetup Setup(TaskLoss loss) =>
        new(new TorchSharp.Modules.SGD([new TorchSharp.Modules.Parameter(zeros(1))], 0.1), [loss, loss], [1.0, 1.0],
            [], [[], []], null, null);

    // Huber (delta 1): half the squared error within one unit, the absolute error less one half beyond it.
    private static double Formula(string name, double error) => name switch
    {
        "mse" => error * error,
        "mae" => Math.Abs(error),
        _ => Math.Abs(error) <= 1 ? 0.5 * error * error : Math.Abs(error) - 0.5,
    };
}
