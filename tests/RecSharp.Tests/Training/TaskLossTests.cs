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

    // Huber (delta 1): half the squared error within one unit, the absolute error less one half beyond it.
    private static double Formula(string name, double error) => name switch
    {
        "mse" => error * error,
        "mae" => Math.Abs(error),
        _ => Math.Abs(error) <= 1 ? 0.5 * error * error : Math.Abs(error) - 0.5,
    };
}
