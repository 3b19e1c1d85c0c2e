using RecSharp.Data.Schema;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tests.Support;

namespace RecSharp.Data.Tests.Synthetic;

public class MmoeSyntheticGeneratorTests
{
    [Fact]
    public void ShapesFollowTheOptions()
    {
        var data = MmoeSyntheticGenerator.Generate(new MmoeSyntheticOptions { Rows = 50, Dimension = 12 });

        Assert.Equal(50, data.Table.RowCount);
        Assert.Equal(12, data.Features.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(j => $"x{j}"), data.Table.FeatureNames);
        Assert.All(data.Features, f => Assert.Equal((FeatureKind.Dense, 1), (f.Kind, f.Dimension)));
        Assert.All(data.Table.ToInputDictionary().Values, a => Assert.Equal(50, Assert.IsType<float[]>(a).Length));
        Assert.Equal([new TaskDescription("y1", TaskType.Regression), new TaskDescription("y2", TaskType.Regression)], data.Tasks);
        Assert.Equal((50, 2), (data.Table.Labels.GetLength(0), data.Table.Labels.GetLength(1)));
    }

    [Fact]
    public void SameSeedGivesSameDataAndOtherSeedDiffers()
    {
        var options = new MmoeSyntheticOptions { Rows = 200, Dimension = 10, Seed = 5 };
        var a = MmoeSyntheticGenerator.Generate(options);
        var b = MmoeSyntheticGenerator.Generate(options);
        var c = MmoeSyntheticGenerator.Generate(options with { Seed = 6 });

        Assert.Equal(a.Table.Labels, b.Table.Labels);
        Assert.Equal((float[])a.Table["x3"], (float[])b.Table["x3"]);
        Assert.NotEqual(a.Table.Labels, c.Table.Labels);
    }

    [Fact]
    public void InputsAreStandardNormal()
    {
        var data = MmoeSyntheticGenerator.Generate(new MmoeSyntheticOptions { Rows = 20_000, Dimension = 4 });
        var x = ((float[])data.Table["x0"]).Select(v => (double)v).ToArray();

        Assert.InRange(x.Average(), -0.03, 0.03);
        Assert.InRange(x.Select(v => v * v).Average(), 0.95, 1.05);
    }

    [Fact]
    public void LabelCorrelationFollowsTheCorrelationParameter()
    {
        double LabelCorrelation(double p)
        {
            var data = MmoeSyntheticGenerator.Generate(new MmoeSyntheticOptions { Rows = 20_000, Correlation = p, Seed = 11 });
            return Statistics.Correlation(data.Table.LabelColumn(0), data.Table.LabelColumn(1));
        }

        var none = LabelCorrelation(0);
        var half = LabelCorrelation(0.5);
        var high = LabelCorrelation(0.9);
        var full = LabelCorrelation(1);

        Assert.InRange(none, -0.05, 0.05);
        Assert.InRange(half, 0.25, 0.75);
        Assert.InRange(high, 0.7, 1.0);
        Assert.InRange(full, 0.98, 1.0);
        Assert.True(none < half && half < high && high < full);
    }

    [Fact]
    public void CorrelationOutsideUnitRangeIsRejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => MmoeSyntheticGenerator.Generate(new MmoeSyntheticOptions { Correlation = 1.5 }));
}
