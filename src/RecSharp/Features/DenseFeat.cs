namespace RecSharp.Features;

/// <summary>A numeric feature of <see cref="Dimension"/> values per row, fed to the network as is (the reference's
/// <c>DenseFeat</c>).</summary>
public sealed record DenseFeat : FeatureColumn
{
    /// <summary>The dtypes a dense feature may declare.</summary>
    public static readonly IReadOnlyList<string> SupportedDtypes = ["float32", "float64"];

    /// <summary>Creates a dense feature.</summary>
    /// <param name="name">The feature's name.</param>
    /// <param name="dimension">Values per row (a 1-D input for 1, a <c>[rows, dimension]</c> input otherwise).</param>
    /// <param name="dtype">The declared type: <c>float32</c> or <c>float64</c>; the network computes in
    /// float32.</param>
    public DenseFeat(string name, int dimension = 1, string dtype = "float32") : base(name)
    {
        if (dimension < 1)
        {
            throw new ArgumentException($"feature \"{name}\": dimension must be at least 1, got {dimension}",
                nameof(dimension));
        }
        TensorSizeLimit.RequireFloat32($"feature \"{name}\": one row", "lower dimension", dimension);
        if (!SupportedDtypes.Contains(dtype))
        {
            throw new ArgumentException(
                $"feature \"{name}\": dtype \"{dtype}\" is not one of {string.Join(", ", SupportedDtypes)}",
                nameof(dtype));
        }
        Dimension = dimension;
        Dtype = dtype;
    }

    /// <summary>Values per row.</summary>
    public int Dimension { get; }

    /// <summary>The declared type.</summary>
    public string Dtype { get; }

    /// <inheritdoc />
    public override int Width => Dimension;
}
