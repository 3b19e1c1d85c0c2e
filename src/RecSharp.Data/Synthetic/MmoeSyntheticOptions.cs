namespace RecSharp.Data.Synthetic;

/// <summary>
/// Parameters of the MMoE synthetic benchmark (Ma et al., KDD 2018, §3.2); by default 10,000 rows.
/// </summary>
public sealed record MmoeSyntheticOptions() : SyntheticOptions(10_000)
{
    /// <summary>The input dimension d; default 100.</summary>
    public int Dimension { get; init; } = 100;

    /// <summary>The task correlation p in [-1, 1]: the cosine between the two tasks' weight vectors; default
    /// 0.5.</summary>
    public double Correlation { get; init; } = 0.5;

    /// <summary>The weight scale c; default 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>The number m of sine terms; default 10.</summary>
    public int SineTerms { get; init; } = 10;

    /// <summary>The noise standard deviation; default 0.1 (variance 0.01, as in the paper).</summary>
    public double NoiseStd { get; init; } = 0.1;

    /// <summary>
    /// How the sine terms' α_j and β_j are chosen: false (the default) draws them from N(0, 1) once per data set;
    /// true fixes α_j = j and β_j = (j−1)² for j = 1..m, the values of Google's reference generator, whose
    /// high-frequency terms a small network can hardly learn. The same seed gives the same weights and inputs
    /// either way.
    /// </summary>
    public bool IndexSineParameters { get; init; }
}
