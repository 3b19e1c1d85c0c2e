namespace RecSharp.Data.Schema;

/// <summary>The transformation applied to a dense feature after missing values are filled.</summary>
public enum ScalerKind
{
    /// <summary>Values are passed through unchanged.</summary>
    None,

    /// <summary>Values are mapped linearly so the training minimum is 0 and the training maximum is 1.</summary>
    MinMax,

    /// <summary>Values are centred on the training mean and divided by the training standard deviation.</summary>
    Standard,

    /// <summary>Values are replaced by ln(1 + x); negative values are rejected.</summary>
    Log1p,
}
