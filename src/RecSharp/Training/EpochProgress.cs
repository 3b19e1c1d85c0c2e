namespace RecSharp.Training;

/// <summary>
/// How far an epoch has come: <see cref="RowsDone"/> of its <see cref="Rows"/> training rows after
/// <see cref="Elapsed"/>, with the throughput and the time left at that throughput.
/// </summary>
/// <param name="RowsDone">Rows trained on so far in this epoch.</param>
/// <param name="Rows">The epoch's training rows.</param>
/// <param name="Elapsed">Time since the epoch began.</param>
internal readonly record struct EpochProgress(long RowsDone, long Rows, TimeSpan Elapsed)
{
    /// <summary>The share of the epoch done, in [0, 1] (1 for an epoch without rows).</summary>
    public double Fraction => Rows > 0 ? Math.Clamp((double)RowsDone / Rows, 0, 1) : 1;

    /// <summary>Rows per second so far; 0 before any time has passed.</summary>
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? RowsDone / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// The estimated time to the end of the epoch at the throughput so far: zero when every row is done, null while
    /// the throughput is unknown (no rows or no time yet).
    /// </summary>
    public TimeSpan? Remaining => RowsDone >= Rows ? TimeSpan.Zero
        : RowsPerSecond > 0 ? TimeSpan.FromSeconds((Rows - RowsDone) / RowsPerSecond)
        : null;
}
