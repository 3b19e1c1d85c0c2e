namespace RecSharp.Data.Schema;

/// <summary>How an input feature is encoded before it reaches the model.</summary>
public enum FeatureKind
{
    /// <summary>A categorical value mapped through a fitted vocabulary to an integer id (0 = unseen or
    /// missing).</summary>
    Sparse,

    /// <summary>A categorical value mapped to an integer id by hashing into a fixed number of buckets.</summary>
    Hashed,

    /// <summary>A numeric value, optionally scaled, of dimension 1.</summary>
    Dense,

    /// <summary>A delimited list of categorical values encoded to ids and padded or truncated to a fixed
    /// length.</summary>
    Sequence,
}
