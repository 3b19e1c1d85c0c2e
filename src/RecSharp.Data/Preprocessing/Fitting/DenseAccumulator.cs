using System.Globalization;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing.Fitting;

/// <summary>
/// A numeric feature's filled values summarised for its scaler (log1p values checked as they come), with the place of
/// the value largest in magnitude, which a scaling whose statistics overflow is blamed on.
/// </summary>
internal sealed class DenseAccumulator : FeatureAccumulator
{
    private readonly DenseStatistics statistics = new();
    private RowLocation? largestAt;
    private double largest;

    public DenseAccumulator(FeatureConfig feature)
        : base(feature)
    {
    }

    public override bool NeedsRows => Feature.Scaler is ScalerKind.MinMax or ScalerKind.Standard;

    public override void Add(RawTable chunk)
    {
        var filled = FittedDenseFeature.Filled(chunk, Feature.Name, Feature.Column, Feature.Fill, Feature.Scaler);
        statistics.Add(filled);
        var top = -1;
        for (var i = 0; i < filled.Length; i++)
        {
            top = top < 0 || Math.Abs(filled[i]) > Math.Abs(filled[top]) ? i : top;
        }

        if (top >= 0 && (largestAt is null || Math.Abs(filled[top]) > Math.Abs(largest)))
        {
            (largest, largestAt) = (filled[top], chunk.LocationOf(top));
        }
    }

    public override FittedFeature Finish()
    {
        var scaler = DenseScaler.FromStatistics(Feature.Scaler, statistics);
        if (!scaler.HasFiniteStatistics())
        {
            throw largestAt!.Error(
                Feature.Column,
                largest.ToString("R", CultureInfo.InvariantCulture),
                $"feature \"{Feature.Name}\": the statistics of its {Feature.Scaler.ToString().ToLowerInvariant()} "
                    + "scaling over the training rows overflow: the values are too large to scale");
        }

        return new FittedDenseFeature
        {
            Name = Feature.Name,
            Column = Feature.Column,
            Fill = Feature.Fill,
            Scaler = scaler,
        };
    }
}
