namespace RecSharp.Data.Synthetic;

/// <summary>The built-in generators that can be written to data files.</summary>
public enum SyntheticKind
{
    /// <summary><see cref="ClickConversionGenerator"/>: ids, two dense features, click and conversion.</summary>
    ClickConversion,

    /// <summary><see cref="MmoeSyntheticGenerator"/>: 100 dense features, two correlated regressions.</summary>
    Mmoe,

    /// <summary><see cref="CensusLikeGenerator"/>: the 40 columns of the census layout, two binary labels.</summary>
    CensusLike,
}
