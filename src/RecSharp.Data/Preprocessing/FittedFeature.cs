using System.Text.Json.Serialization;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;

namespace RecSharp.Data.Preprocessing;

/// <summary>A feature encoding fitted on training rows; serialised with a <c>kind</c> discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(FittedSparseFeature), "sparse")]
[JsonDerivedType(typeof(FittedHashedFeature), "hashed")]
[JsonDerivedType(typeof(FittedDenseFeature), "dense")]
[JsonDerivedType(typeof(FittedSequenceFeature), "sequence")]
public abstract record FittedFeature
{
    /// <summary>The feature name.</summary>
    public required string Name { get; init; }

    /// <summary>The source column.</summary>
    public required string Column { get; init; }

    /// <summary>What the model needs to declare this feature.</summary>
    public abstract FeatureDescription Describe();

    /// <summary>Encodes this feature's column of <paramref name="table"/> into its compact array.</summary>
    /// <param name="table">Rows read with this feature's column.</param>
    /// <param name="statistics">Receives unseen and missing counts.</param>
    public abstract Array Transform(RawTable table, TransformStatistics statistics);

    /// <summary>The source column's text, or an error when it was read only as numbers or not at all.</summary>
    protected string?[] TextOf(RawTable table) => table.TextFor(Name, Column);

    /// <summary>The source column's numbers, or an error when it was read only as text or not at all.</summary>
    protected double[] NumbersOf(RawTable table) => table.NumbersFor(Name, Column);
}
