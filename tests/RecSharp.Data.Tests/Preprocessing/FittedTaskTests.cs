using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

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
        => Assert.Equal([1, 0, 0], Map(new FittedTask { Name = "m", Type = TaskType.Binary, Label = "status", Positive = ["Never married"] }));

    [Fact]
    public void ThresholdGivesOneAboveIt()
        => Assert.Equal([1, 0, 0], Map(new FittedTask { Name = "m", Type = TaskType.Binary, Label = "status", Threshold = 0.5 }));

    [Fact]
    public void WithoutMappingTheNumberIsTheLabel()
        => Assert.Equal([1, 0, 0.5], Map(new FittedTask { Name = "m", Type = TaskType.Regression, Label = "status" }));
}
