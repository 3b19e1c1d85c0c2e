using RecSharp.Training.Metrics;

namespace RecSharp.Tests.Training;

public sealed class MetricsTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void AucOfDistinctPredictions()
    {
        // Ranks by prediction: 0.1→1 (neg), 0.35→2 (pos), 0.4→3 (neg), 0.8→4 (pos).
        // U = (2 + 4) − 2·3/2 = 3; AUC = 3 / (2·2) = 0.75.
        Assert.Equal(0.75, EvaluationMetrics.Auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), Tolerance);
    }

    [Fact]
    public void AucGivesTiedPredictionsTheirMidrank()
    {
        // Ranks: 0.2→1 (neg), the two 0.5s share (2 + 3)/2 = 2.5 (one neg, one pos), 0.9→4 (pos).
        // U = (2.5 + 4) − 3 = 3.5; AUC = 3.5 / 4 = 0.875.
        Assert.Equal(0.875, EvaluationMetrics.Auc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), Tolerance);
    }

    [Fact]
    public void AucOfExtremeOrderings()
    {
        Assert.Equal(1.0, EvaluationMetrics.Auc([0, 0, 1], [0.1, 0.2, 0.3]), Tolerance);
        Assert.Equal(0.0, EvaluationMetrics.Auc([1, 1, 0], [0.1, 0.2, 0.3]), Tolerance);
        Assert.Equal(0.5, EvaluationMetrics.Auc([1, 0, 1, 0], [0.7, 0.7, 0.7, 0.7]), Tolerance);
    }

    [Fact]
    public void AucMatchesPairCountingOnRandomDataWithTies()
    {
        var random = new Random(12345);
        double[] labels = [.. Enumerable.Range(0, 500).Select(_ => (double)random.Next(2))];
        double[] predictions = [.. Enumerable.Range(0, 500).Select(_ => random.Next(20) / 20.0)];

        Assert.Equal(PairCountingAuc(labels, predictions), EvaluationMetrics.Auc(labels, predictions), Tolerance);
    }

    [Fact]
    public void AucWithOneClassThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationMetrics.Auc([1, 1], [0.2, 0.9]));
        Assert.Contains("AUC is undefined when labels contain only one class", error.Message);

        // Masking away every negative leaves one class too.
        Assert.Throws<ArgumentException>(() => EvaluationMetrics.Auc([0, 1, 1], [0.2, 0.9, 0.4], [false, true, true]));
    }

    [Fact]
    public void AucRejectsLabelsOtherThanZeroAndOne()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationMetrics.Auc([0, 0.5, 1], [0.1, 0.2, 0.3]));
        Assert.Contains("labels[1] is 0.5; labels must be 0 or 1", error.Message);
    }

    [Fact]
    public void MaskLeavesRowsOut()
    {
        double[] labels = [0, 0, 1, 1, 1];
        double[] predictions = [0.1, 0.4, 0.35, 0.8, 0.0];
        bool[] mask = [true, true, true, true, false];

        Assert.Equal(0.75, EvaluationMetrics.Auc(labels, predictions, mask), Tolerance);
        // Thresholded: 0, 0, 0, 1 against 0, 0, 1, 1.
        Assert.Equal(0.75, EvaluationMetrics.Accuracy(labels, predictions, mask), Tolerance);
        Assert.Equal((0.01 + 0.16 + 0.4225 + 0.04) / 4, EvaluationMetrics.MeanSquaredError(labels, predictions, mask),
            Tolerance);
    }

    [Fact]
    public void LogLossIsTheMeanBinaryCrossEntropy()
    {
        double expected = -(Math.Log(0.8) + Math.Log(0.7)) / 2;
        Assert.Equal(expected, EvaluationMetrics.LogLoss([1, 0], [0.8, 0.3]), Tolerance);

        // Soft label 0.25 with prediction 0.5: −(0.25·ln 0.5 + 0.75·ln 0.5) = ln 2.
        Assert.Equal(Math.Log(2), EvaluationMetrics.LogLoss([0.25], [0.5]), Tolerance);
    }

    [Fact]
    public void LogLossClipsPredictionsOfZeroAndOne()
    {
        double worst = EvaluationMetrics.LogLoss([1, 0], [0, 1]);
        double best = EvaluationMetrics.LogLoss([1, 0], [1, 0]);

        Assert.Equal(-Math.Log(1e-7), worst, Tolerance);
        Assert.Equal(16.11809565095832, worst, 1e-9);
        Assert.Equal(-Math.Log(1 - 1e-7), best, Tolerance);
        Assert.True(double.IsFinite(worst) && double.IsFinite(best));
    }

    [Fact]
    public void MeanSquaredAndAbsoluteErrors()
    {
        double[] labels = [1, 2, 3];
        double[] predictions = [1.5, 2, 1];

        Assert.Equal((0.25 + 0 + 4) / 3, EvaluationMetrics.MeanSquaredError(labels, predictions), Tolerance);
        Assert.Equal((0.5 + 0 + 2) / 3, EvaluationMetrics.MeanAbsoluteError(labels, predictions), Tolerance);
    }

    [Fact]
    public void AccuracyCountsHalfAsClassOne()
    {
        // Thresholded predictions: 1, 0, 0, 1 against labels 1, 0, 1, 0.
        Assert.Equal(0.5, EvaluationMetrics.Accuracy([1, 0, 1, 0], [0.5, 0.49, 0.2, 0.7]), Tolerance);
        Assert.Equal(1.0, EvaluationMetrics.Accuracy([1], [0.5]), Tolerance);
        Assert.Equal(0.0, EvaluationMetrics.Accuracy([0], [0.5]), Tolerance);
    }

    [Fact]
    public void MismatchedLengthsThrow()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationMetrics.MeanAbsoluteError([1, 2], [1]));
        Assert.Contains("labels has 2 rows but predictions has 1", error.Message);

        var maskError = Assert.Throws<ArgumentException>(() => EvaluationMetrics.LogLoss([1, 0], [0.5, 0.5], [true]));
        Assert.Contains("mask has 1 rows but labels has 2", maskError.Message);

        Assert.Throws<ArgumentException>(() => EvaluationMetrics.Auc([0, 1, 1], [0.1, 0.2]));
    }

    [Fact]
    public void NoRowsThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationMetrics.MeanSquaredError([], []));
        Assert.Contains("no rows to evaluate", error.Message);
        Assert.Throws<ArgumentException>(() => EvaluationMetrics.Accuracy([1], [0.9], [false]));
    }

    [Fact]
    public void GroupAucWeighsEachGroupsAucByItsRows()
    {
        // Rows of four users, interleaved. User 1: positives 0.9, 0.3 against negatives 0.8, 0.1: 3 of 4 pairs in
        // order, AUC 0.75, 4 rows. User 2: 0.6 above 0.2, AUC 1, 2 rows. User 3: only positives, no AUC, left out.
        // User 4: positive 0.5 ties negative 0.5 (half a pair) and is below 0.7: AUC 0.25, 3 rows.
        // GAUC = (4·0.75 + 2·1 + 3·0.25) / (4 + 2 + 3) = 5.75 / 9.
        double[] labels = [1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0];
        double[] predictions = [0.9, 0.2, 0.5, 0.3, 0.8, 0.5, 0.6, 0.3, 0.1, 0.9, 0.4, 0.7];
        long[] users = [1, 2, 4, 1, 1, 4, 2, 3, 1, 3, 3, 4];

        Assert.Equal(5.75 / 9, EvaluationMetrics.GroupAuc(labels, predictions, users), Tolerance);
        Assert.Equal(5.75 / 9, MetricRegistry.Resolve("gauc").Compute(labels, predictions, users), Tolerance);
    }

    [Fact]
    public void GroupAucLeavesMaskedRowsOutAndIsUndefinedWithoutAGroupOfBothLabels()
    {
        double[] labels = [1, 0, 1, 0];
        double[] predictions = [0.9, 0.8, 0.1, 0.2];
        long[] users = [1, 1, 2, 2];

        Assert.Equal(0.5, EvaluationMetrics.GroupAuc(labels, predictions, users), Tolerance);   // 1 and 0, 2 rows each
        Assert.Equal(1.0, EvaluationMetrics.GroupAuc(labels, predictions, users, [true, true, false, false]), 1e-9);
        long[] ownUsers = [1, 2, 3, 4];
        var error = Assert.Throws<ArgumentException>(() => EvaluationMetrics.GroupAuc(labels, predictions, ownUsers));
        Assert.Contains("no group has both labels", error.Message);
        Assert.Throws<ArgumentException>(() => EvaluationMetrics.GroupAuc(labels, predictions, [1, 1, 2]));
        Assert.Throws<InvalidOperationException>(() => MetricRegistry.Resolve("gauc").Compute(labels, predictions));
    }

    [Fact]
    public void RootMeanSquaredErrorIsTheRootOfTheMeanSquaredError()
    {
        // Errors 3 and 4: mean square 12.5.
        Assert.Equal(Math.Sqrt(12.5), EvaluationMetrics.RootMeanSquaredError([0, 0], [3, -4]), Tolerance);
        Assert.Equal(MetricKind.Regression, MetricRegistry.Resolve("rmse").Kind);
        Assert.Equal(MetricKind.Classification, MetricRegistry.Resolve("logloss").Kind);
    }

    [Fact]
    public void NonFiniteValuesThrow()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationMetrics.LogLoss([1, 0], [0.5, double.NaN]));
        Assert.Contains("predictions[1] is NaN", error.Message);
        Assert.Throws<ArgumentException>(() => EvaluationMetrics.MeanSquaredError([double.PositiveInfinity], [0]));
        Assert.Throws<ArgumentException>(() => EvaluationMetrics.Auc([0, 1], [double.NaN, 0.5]));
    }

    [Theory]
    [InlineData("auc", "auc", true)]
    [InlineData("AUC", "auc", true)]
    [InlineData("logloss", "logloss", false)]
    [InlineData("binary_crossentropy", "logloss", false)]
    [InlineData("mse", "mse", false)]
    [InlineData("mean_squared_error", "mse", false)]
    [InlineData("mae", "mae", false)]
    [InlineData("rmse", "rmse", false)]
    [InlineData("gauc", "gauc", true)]
    [InlineData("accuracy", "accuracy", true)]
    [InlineData(" acc ", "accuracy", true)]
    public void RegistryResolvesNamesAndAliases(string name, string canonical, bool higherIsBetter)
    {
        Metric metric = MetricRegistry.Resolve(name);

        Assert.Equal(canonical, metric.Name);
        Assert.Equal(higherIsBetter, metric.HigherIsBetter);
        Assert.Equal(higherIsBetter, metric.IsImprovement(0.6, 0.5));
        Assert.False(metric.IsImprovement(0.5, 0.5));
    }

    [Fact]
    public void RegistryMetricsComputeTheSameValues()
    {
        double[] labels = [0, 1, 0, 1];
        double[] predictions = [0.5, 0.5, 0.2, 0.9];

        Assert.Equal(0.875, MetricRegistry.Resolve("auc").Compute(labels, predictions), Tolerance);
        Assert.Equal(EvaluationMetrics.LogLoss(labels, predictions),
            MetricRegistry.Resolve("bce").Compute(labels, predictions), Tolerance);
        Assert.Equal(1.0, MetricRegistry.Resolve("auc").Compute(labels, predictions, [false, true, true, true]),
            Tolerance);
    }

    [Fact]
    public void UnknownMetricNameListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => MetricRegistry.Resolve("f1"));

        Assert.Contains("Unknown metric 'f1'", error.Message);
        Assert.Contains("auc", error.Message);
        Assert.Contains("binary_crossentropy", error.Message);
        Assert.False(MetricRegistry.TryResolve("f1", out _));
        Assert.Contains("accuracy", MetricRegistry.KnownNames);
    }

    /// <summary>AUC as the share of (positive, negative) pairs ranked correctly, ties counting half.</summary>
    private static double PairCountingAuc(double[] labels, double[] predictions)
    {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < labels.Length; j++)
            {
                if (labels[i] == 1 && labels[j] == 0)
                {
                    pairs++;
                    wins += predictions[i] > predictions[j] ? 1 : predictions[i] == predictions[j] ? 0.5 : 0;
                }
            }
        }

        return wins / pairs;
    }
}
