using RecSharp.Data.Schema;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tests.Support;
using RecSharp.Features;

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
        Assert.Equal([new TaskDescription("y1", TaskType.Regression), new TaskDescription("y2", TaskType.Regression)],
            data.Tasks);
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
            var data = MmoeSyntheticGenerator.Generate(
                new MmoeSyntheticOptions { Rows = 20_000, Correlation = p, Seed = 11 });
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
    public void IndexSineParametersFixAlphaAtTheIndexAndBetaAtItsSquareAndKeepTheInputs()
    {
        // Without sine terms or noise, y1 = u1ᵀx, so two rows give u1 (d = 2); u1 is drawn before α and β, so it is the
        // same for every number of sine terms.
        var linear = MmoeSyntheticGenerator.Generate(
            new MmoeSyntheticOptions { Rows = 2, Dimension = 2, SineTerms = 0, NoiseStd = 0, Seed = 3 });
        double[] x0 = Inputs(linear, "x0"), x1 = Inputs(linear, "x1"), y = linear.Table.LabelColumn(0);
        double det = (x0[0] * x1[1]) - (x0[1] * x1[0]);
        double u0 = ((y[0] * x1[1]) - (y[1] * x1[0])) / det, u1 = ((x0[0] * y[1]) - (x0[1] * y[0])) / det;
        var options = new MmoeSyntheticOptions { Rows = 100, Dimension = 2, SineTerms = 10, NoiseStd = 0, Seed = 3 };

        var indexed = MmoeSyntheticGenerator.Generate(options with { IndexSineParameters = true });
        var drawn = MmoeSyntheticGenerator.Generate(options);

        Assert.Equal(1, Math.Sqrt((u0 * u0) + (u1 * u1)), 5);
        var labels = indexed.Table.LabelColumn(0);
        double[] indexedX0 = Inputs(indexed, "x0"), indexedX1 = Inputs(indexed, "x1");
        for (var row = 0; row < 100; row++)
        {
            double z = (u0 * indexedX0[row]) + (u1 * indexedX1[row]);
            double expected = z + Enumerable.Range(1, 10).Sum(j => Math.Sin((j * z) + ((j - 1) * (j - 1))));
            Assert.Equal(expected, labels[row], 3);
        }
        Assert.Equal((float[])drawn.Table["x1"], (float[])indexed.Table["x1"]);
        Assert.NotEqual(drawn.Table.Labels, indexed.Table.Labels);
    }

    [Fact]
    public void CorrelationOutsideUnitRangeIsRejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() =>
            MmoeSyntheticGenerator.Generate(new MmoeSyntheticOptions { Correlation = 1.5 }));

    private static double[] Inputs(SyntheticDataset data, string name) =>
        [.. ((float[])data.Table[name]).Select(v => (double)v)];
}
