using RecSharp.Inputs;
using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Training;

/// <summary>Bad inputs to Fit are rejected before training starts, with a clear message, and leave the weights
/// unchanged.</summary>
public class TrainingBadInputTests
{
    private static Ple Compiled()
    {
        var model = SyntheticInputs.TinyPle(taskTypes: ["binary", "regression"], taskNames: ["click", "dwell"]);
        model.Compile("sgd", metrics: ["mse"]);
        return model;
    }

    // Runs the failing fit and checks that nothing moved.
    private static TException Rejected<TException>(Ple model, Action<Ple> fit) where TException : Exception
    {
        var before = SyntheticInputs.Snapshot(model);
        var error = Assert.Throws<TException>(() => fit(model));
        SyntheticInputs.AssertSameState(before, SyntheticInputs.Snapshot(model));
        return error;
    }

    private static (Dictionary<string, Array> X, double[,] Y) Data(int rows = 12)
    {
        var x = SyntheticInputs.Inputs(rows);
        var y = SyntheticInputs.BinaryLabels(x);
        for (int i = 0; i < rows; i++) y[i, 1] = 0.25 * i;             // regression: any finite value
        return (x, y);
    }

    [Fact]
    public void ValidDataTrains()
    {
        var (x, y) = Data();
        using var model = Compiled();
        var before = SyntheticInputs.Snapshot(model);

        model.Fit(x, y, batchSize: 4, verbose: 0);

        Assert.True(SyntheticInputs.Differ(before, SyntheticInputs.Snapshot(model)));
    }

    [Fact]
    public void ABinaryLabelOtherThanZeroOrOneIsRejected()
    {
        var (x, y) = Data();
        y[5, 0] = 0.5;
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model, m => m.Fit(x, y, batchSize: 4, verbose: 0));

        Assert.Contains("click", error.Message);
        Assert.Contains("row 5", error.Message);
        Assert.Contains("0 or 1", error.Message);
        Assert.Equal(5L, error.Row);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ANaNLabelIsRejected(int task)
    {
        var (x, y) = Data();
        y[7, task] = double.NaN;
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model, m => m.Fit(x, y, batchSize: 4, verbose: 0));

        Assert.Contains(task == 0 ? "click" : "dwell", error.Message);
        Assert.Contains("row 7", error.Message);
        Assert.Contains("not finite", error.Message);
    }

    [Fact]
    public void LabelRowsOtherThanInputRowsAreRejected()
    {
        var (x, _) = Data(12);
        var (_, y) = Data(10);
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model, m => m.Fit(x, y, batchSize: 4, verbose: 0));

        Assert.Contains("10 rows", error.Message);
        Assert.Contains("12", error.Message);
    }

    [Fact]
    public void LabelsWithTheWrongColumnCountAreRejected()
    {
        var (x, _) = Data();
        var y = new double[12, 3];
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model, m => m.Fit(x, y, batchSize: 4, verbose: 0));

        Assert.Contains("3 columns", error.Message);
        Assert.Contains("2 tasks", error.Message);
    }

    [Fact]
    public void ALabelMaskOfTheWrongShapeIsRejected()
    {
        var (x, y) = Data();
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model,
            m => m.Fit(x, y, batchSize: 4, verbose: 0, labelMask: new bool[12, 1]));

        Assert.Contains("mask", error.Message);
    }

    [Fact]
    public void AMissingFeatureIsRejected()
    {
        var (x, y) = Data();
        x.Remove("price");
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model, m => m.Fit(x, y, batchSize: 4, verbose: 0));

        Assert.Contains("price", error.Message);
        Assert.Equal("price", error.Feature);
    }

    [Fact]
    public void AnIdOutOfRangeIsRejected()
    {
        var (x, y) = Data();
        ((int[])x["user"])[3] = SyntheticInputs.UserVocabulary;
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model, m => m.Fit(x, y, batchSize: 4, verbose: 0));

        Assert.Contains("user", error.Message);
        Assert.Contains("row 3", error.Message);
        Assert.Contains($"[0, {SyntheticInputs.UserVocabulary})", error.Message);
    }

    [Fact]
    public void BadValidationLabelsAreRejected()
    {
        var (x, y) = Data();
        var (vx, vy) = Data(6);
        vy[2, 0] = 2;
        using var model = Compiled();

        var error = Rejected<InputValidationException>(model,
            m => m.Fit(x, y, batchSize: 4, verbose: 0, validationData: (vx, vy)));

        Assert.Contains("validation", error.Message);
        Assert.Contains("row 2", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ABatchSizeBelowOneIsRejected(int batchSize)
    {
        var (x, y) = Data();
        using var model = Compiled();

        var error = Rejected<ArgumentException>(model, m => m.Fit(x, y, batchSize: batchSize, verbose: 0));

        Assert.Contains("batchSize", error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void AValidationSplitOutsideZeroToOneIsRejected(double split)
    {
        var (x, y) = Data();
        using var model = Compiled();

        var error = Rejected<ArgumentException>(model,
            m => m.Fit(x, y, batchSize: 4, verbose: 0, validationSplit: split));

        Assert.Contains("validationSplit", error.Message);
    }

    [Fact]
    public void ASplitLeavingNoTrainingRowsIsRejected()
    {
        var (x, y) = Data(3);
        using var model = Compiled();

        var error = Rejected<ArgumentException>(model,
            m => m.Fit(x, y, batchSize: 4, verbose: 0, validationSplit: 0.9));

        Assert.Contains("no training rows", error.Message);
    }

    [Fact]
    public void NegativeEpochsAreRejected()
    {
        var (x, y) = Data();
        using var model = Compiled();

        Rejected<ArgumentException>(model, m => m.Fit(x, y, epochs: -1, verbose: 0));
        Rejected<ArgumentException>(model, m => m.Fit(x, y, initialEpoch: -1, verbose: 0));
    }

    [Fact]
    public void FitBeforeCompileIsRejected()
    {
        var (x, y) = Data();
        using var model = SyntheticInputs.TinyPle(taskTypes: ["binary", "regression"], taskNames: ["click", "dwell"]);

        var error = Rejected<InvalidOperationException>(model, m => m.Fit(x, y, verbose: 0));

        Assert.Contains("Compile", error.Message);
    }

    [Fact]
    public void PredictRejectsBadInputs()
    {
        var (x, _) = Data();
        ((long[,])x["hist"])[4, 1] = -1;
        using var model = Compiled();

        var error = Assert.Throws<InputValidationException>(() => model.Predict(x));
        var batch = Assert.Throws<ArgumentException>(() => model.Predict(Data().X, batchSize: 0));

        Assert.Contains("hist", error.Message);
        Assert.Contains("row 4", error.Message);
        Assert.Contains("batchSize", batch.Message);
    }
}
