namespace RecSharp.Bench.Measurement;

/// <summary>The rate of each timed run of the peak matmul.</summary>
/// <param name="RunFlops">FLOP/s of each run.</param>
/// <param name="ProductsPerRun">Products per run.</param>
internal sealed record MatmulPeakResult(IReadOnlyList<double> RunFlops, int ProductsPerRun)
{
    /// <summary>The fastest run, FLOP/s: the peak that MFU divides by.</summary>
    public double PeakFlops => RunFlops.Max();

    /// <summary>The median run, FLOP/s, to show how steady the machine was.</summary>
    public double MedianFlops => RunFlops.Order().ElementAt(RunFlops.Count / 2);

    /// <summary>The runs of both measurements (e.g. one before the benchmark and one after it).</summary>
    public MatmulPeakResult Merge(MatmulPeakResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ProductsPerRun != ProductsPerRun)
            throw new ArgumentException("the measurements timed runs of different lengths", nameof(other));
        return new MatmulPeakResult([.. RunFlops, .. other.RunFlops], ProductsPerRun);
    }
}
