using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// A fitted scaling of a dense feature. MinMax maps the training range to [0, 1] (a constant column maps to 0; values
/// outside the range are not clipped); Standard subtracts the training mean and divides by the population standard
/// deviation (1 when that is 0); Log1p takes ln(1 + x) and rejects negative values; None passes values through.
/// </summary>
public sealed record DenseScaler
{
    /// <summary>The scaling.</summary>
    public ScalerKind Kind { get; init; }

    /// <summary>MinMax: the training minimum.</summary>
    public double Min { get; init; }

    /// <summary>MinMax: the training maximum.</summary>
    public double Max { get; init; }

    /// <summary>Standard: the training mean.</summary>
    public double Mean { get; init; }

    /// <summary>Standard: the training standard deviation (population), replaced by 1 when 0.</summary>
    public double Std { get; init; } = 1;

    /// <summary>Fits the scaler on filled training values.</summary>
    /// <param name="kind">The scaling.</param>
    /// <param name="values">The training values, missing values already filled.</param>
    public static DenseScaler Fit(ScalerKind kind, IReadOnlyList<double> values)
    {
        var statistics = new Fitting.DenseStatistics();
        statistics.Add(values.ToArray());
        return FromStatistics(kind, statistics);
    }

    /// <summary>The scaler of training values summarised by <paramref name="statistics"/>.</summary>
    /// <param name="kind">The scaling.</param>
    /// <param name="statistics">The filled training values' statistics.</param>
    public static DenseScaler FromStatistics(ScalerKind kind, Fitting.DenseStatistics statistics)
    {
        switch (kind)
        {
            case ScalerKind.MinMax when statistics.Count > 0:
                return new DenseScaler { Kind = kind, Min = statistics.Min, Max = statistics.Max };
            case ScalerKind.Standard when statistics.Count > 0:
                var std = Math.Sqrt(statistics.Variance);
                return new DenseScaler { Kind = kind, Mean = statistics.Mean, Std = std > 0 ? std : 1 };
            default:
                return new DenseScaler { Kind = kind };
        }
    }

    /// <summary>
    /// Whether the fitted statistics can scale values: MinMax needs a finite range (max − min), Standard a finite
    /// mean and standard deviation. Values near ±1.8e308 overflow them.
    /// </summary>
    public bool HasFiniteStatistics() => Kind switch
    {
        ScalerKind.MinMax => double.IsFinite(Max - Min),
        ScalerKind.Standard => double.IsFinite(Mean) && double.IsFinite(Std),
        _ => true,
    };

    /// <summary>Whether a value can be scaled (Log1p needs a non-negative value).</summary>
    /// <param name="value">The filled value.</param>
    public bool Accepts(double value) => Kind != ScalerKind.Log1p || value >= 0;

    /// <summary>Scales one filled value.</summary>
    /// <param name="value">The filled value.</param>
    /// <exception cref="ArgumentOutOfRangeException">When Log1p meets a negative value.</exception>
    public double Transform(double value) => Kind switch
    {
        ScalerKind.MinMax => Max > Min ? (value - Min) / (Max - Min) : 0,
        ScalerKind.Standard => (value - Mean) / Std,
        ScalerKind.Log1p => value >= 0
            ? Math.Log(1 + value)
            : throw new ArgumentOutOfRangeException(nameof(value), value,
                "log1p scaling needs values that are not negative."),
        _ => value,
    };
}
