using RecSharp.Data.Preprocessing;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Tests.Preprocessing;

public class DenseScalerTests
{
    [Fact]
    public void MinMaxMapsTrainingRangeToUnitInterval()
    {
        var scaler = DenseScaler.Fit(ScalerKind.MinMax, [2, 4, 6]);

        Assert.Equal((2.0, 6.0), (scaler.Min, scaler.Max));
        Assert.Equal(0, scaler.Transform(2));
        Assert.Equal(0.5, scaler.Transform(4));
        Assert.Equal(1, scaler.Transform(6));
        Assert.Equal(1.5, scaler.Transform(8));
    }

    [Theory]
    [InlineData(ScalerKind.MinMax, -1e308, 1e308, false)]
    [InlineData(ScalerKind.MinMax, -1e307, 1e308, true)]
    [InlineData(ScalerKind.Standard, 1e308, 1e308, false)]
    [InlineData(ScalerKind.Standard, -1e160, 1e160, false)]
    [InlineData(ScalerKind.Standard, -1e150, 1e150, true)]
    [InlineData(ScalerKind.None, -1e308, 1e308, true)]
    public void StatisticsThatOverflowAreNotFinite(ScalerKind kind, double low, double high, bool finite)
        => Assert.Equal(finite, DenseScaler.Fit(kind, [low, high]).HasFiniteStatistics());

    [Fact]
    public void MinMaxOfConstantColumnIsZero()
    {
        var scaler = DenseScaler.Fit(ScalerKind.MinMax, [3, 3, 3]);
        Assert.Equal(0, scaler.Transform(3));
        Assert.Equal(0, scaler.Transform(10));
    }

    [Fact]
    public void StandardUsesMeanAndPopulationStd()
    {
        var scaler = DenseScaler.Fit(ScalerKind.Standard, [1, 2, 3, 6]);

        Assert.Equal(3, scaler.Mean);
        Assert.Equal(Math.Sqrt(3.5), scaler.Std, 12);
        Assert.Equal(3 / Math.Sqrt(3.5), scaler.Transform(6), 12);
        Assert.Equal(0, scaler.Transform(3));
    }

    [Fact]
    public void StandardOfConstantColumnDividesByOne()
    {
        var scaler = DenseScaler.Fit(ScalerKind.Standard, [5, 5]);
        Assert.Equal(1, scaler.Std);
        Assert.Equal(2, scaler.Transform(7));
    }

    [Fact]
    public void Log1pTakesNaturalLogOfOnePlusValue()
    {
        var scaler = DenseScaler.Fit(ScalerKind.Log1p, [0, 1]);
        Assert.Equal(0, scaler.Transform(0));
        Assert.Equal(1, scaler.Transform(Math.E - 1), 12);
        Assert.False(scaler.Accepts(-0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Transform(-0.5));
    }

    [Fact]
    public void NonePassesValuesThrough()
        => Assert.Equal(-12.5, DenseScaler.Fit(ScalerKind.None, [1]).Transform(-12.5));
}
