using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Tests.Preprocessing;

public class FittedTaskTests
{
    private static readonly RawTable Table = new(
        "t.csv",
        [2, 3, 4],
        [new RawColumn("status", ["Never married", "Divorced", "Never married "], [1, 0, 0.5])]);

    private static double[] Map(FittedTask task)
    {
        var labels = new double[3, 1];
        task.Map(Table, labels, 0);
        return [labels[0, 0], labels[1, 0], labels[2, 0]];
    }

    [Fact]
    public void PositiveListGivesOneForListedValuesOnly()
        => Assert.Equal([1, 0, 0],
            Map(new FittedTask { Name = "m", Type = TaskType.Binary, Label = "status", Positive = ["Never married"] }));

    [Fact]
    public void ThresholdGivesOneAboveIt()
        => Assert.Equal([1, 0, 0],
            Map(new FittedTask { Name = "m", Type = TaskType.Binary, Label = "status", Threshold = 0.5 }));

    [Fact]
    public void WithoutMappingTheNumberIsTheLabel()
        => Assert.Equal([1, 0, 0.5], Map(new FittedTask { Name = "m", Type = TaskType.Regression, Label = "status" }));

    [Fact]
    public void ValuesMappedToZeroByAPositiveListAreCountedPerValue()
    {
        var task = new FittedTask
        {
            Name = "m", Type = TaskType.Binary, Label = "status", Positive = ["Never married"],
        };
        var statistics = new TransformStatistics();

        task.Map(Table, new double[3, 1], 0, statistics);
        task.Map(Table, new double[3, 1], 0, statistics);

        var zeros = statistics.LabelsMappedToZero["m"];
        Assert.Equal(2, zeros.Count);
        Assert.Equal(2, zeros["Divorced"]);
        Assert.Equal(2, zeros["Never married "]);
    }

    [Fact]
    public void ValuesListedAsNegativeAreNotReportedAsMappedToZero()
    {
        var task = new FittedTask
        {
            Name = "m",
            Type = TaskType.Binary,
            Label = "status",
            Positive = ["Never married"],
            Negative = ["Divorced", "Never married "],
        };
        var statistics = new TransformStatistics();

        task.Map(Table, new double[3, 1], 0, statistics);

        Assert.Empty(statistics.LabelsMappedToZero);
    }

    [Fact]
    public void MistypedPositiveValueIsRefusedShowingTheColumnsValues()
    {
        var task = new FittedTask { Name = "m", Type = TaskType.Binary, Label = "status", Positive = ["Never maried"] };

        var error = Assert.Throws<DataFormatException>(() => task.RequirePositiveRow(Table));

        Assert.Equal(
            "t.csv, column \"status\": task \"m\": no training row of this binary task has a positive label: no "
            + "value is one of \"Never maried\"; the column holds \"Divorced\" (1 rows), \"Never married\" (1 rows), "
            + "\"Never married \" (1 rows)",
            error.Message);
    }

    [Theory]
    [InlineData(1.0, "no value is above the threshold 1 (the largest is 1)")]
    [InlineData(null, "no value is 1")]
    public void BinaryTaskWithoutAnyPositiveTrainingRowIsRefused(double? threshold, string expected)
    {
        var zeros = new RawTable("z.csv", [2, 3], [new RawColumn("y", null, [0, threshold ?? 0])]);
        var task = new FittedTask { Name = "y", Type = TaskType.Binary, Label = "y", Threshold = threshold };

        Assert.EndsWith(expected, Assert.Throws<DataFormatException>(() => task.RequirePositiveRow(zeros)).Message);
    }

    [Fact]
    public void RegressionLabelBeyondTheFloatRangeIsRefusedNamingItsLine()
    {
        var table = new RawTable("r.csv", [2, 3], [new RawColumn("spend", null, [1, -1e39])]);
        var task = new FittedTask { Name = "spend", Type = TaskType.Regression, Label = "spend" };

        var error = Assert.Throws<DataFormatException>(() => task.Map(table, new double[2, 1], 0));

        Assert.Equal((3, "spend", "-1E+39"), (error.LineNumber!.Value, error.Column, error.Value));
    }

    [Fact]
    public void OnePositiveTrainingRowIsEnough()
    {
        var task = new FittedTask { Name = "m", Type = TaskType.Binary, Label = "status", Positive = ["Divorced"] };
        task.RequirePositiveRow(Table);
    }
}
