using System.Globalization;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Preprocessing;

/// <summary>A numeric feature: missing values filled with <see cref="Fill"/>, then scaled, into
/// <c>float[rows]</c>.</summary>
public sealed record FittedDenseFeature : FittedFeature
{
    /// <summary>The raw value substituted for missing fields, before scaling.</summary>
    public double Fill { get; init; }

    /// <summary>The fitted scaling.</summary>
    public required DenseScaler Scaler { get; init; }

    /// <inheritdoc />
    public override FeatureDescription Describe() =>
        new(Name, FeatureKind.Dense, 0, EmbeddingDim.Default, Dimension: 1);

    /// <summary>The filled training values of a column, checked against the scaler kind.</summary>
    /// <param name="table">The rows.</param>
    /// <param name="name">The feature name.</param>
    /// <param name="column">The source column.</param>
    /// <param name="fill">The value for missing fields.</param>
    /// <param name="kind">The scaler kind to check values against.</param>
    internal static double[] Filled(RawTable table, string name, string column, double fill, ScalerKind kind)
    {
        var numbers = table.NumbersFor(name, column);
        var filled = new double[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            filled[i] = double.IsNaN(numbers[i]) ? fill : numbers[i];
            if (kind == ScalerKind.Log1p && filled[i] < 0)
            {
                throw table.ErrorAt(
                    i,
                    column,
                    filled[i].ToString(CultureInfo.InvariantCulture),
                    $"feature \"{name}\": log1p scaling needs values that are not negative");
            }
        }

        return filled;
    }

    /// <inheritdoc />
    /// <exception cref="DataFormatException">When a scaled value does not fit a 32-bit float.</exception>
    public override Array Transform(RawTable table, TransformStatistics statistics)
    {
        var filled = Filled(table, Name, Column, Fill, Scaler.Kind);
        var numbers = NumbersOf(table);
        var result = new float[filled.Length];
        long missing = 0;
        for (var i = 0; i < filled.Length; i++)
        {
            var scaled = Scaler.Transform(filled[i]);
            result[i] = (float)scaled;
            if (!float.IsFinite(result[i]))
            {
                throw table.ErrorAt(
                    i,
                    Column,
                    filled[i].ToString("R", CultureInfo.InvariantCulture),
                    $"feature \"{Name}\": {Scaler.Kind.ToString().ToLowerInvariant()} scaling fitted on the training "
                        + $"rows scales this value to {scaled.ToString("G4", CultureInfo.InvariantCulture)}, beyond "
                        + "the range of the model's 32-bit inputs");
            }

            missing += double.IsNaN(numbers[i]) ? 1 : 0;
        }

        statistics.AddMissing(Name, missing);
        return result;
    }
}
