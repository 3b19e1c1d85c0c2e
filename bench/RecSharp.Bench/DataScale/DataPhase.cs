using System.Text.Json.Serialization;

namespace RecSharp.Bench.DataScale;

/// <summary>One measured phase of the data benchmark.</summary>
/// <param name="Name">What was done: generate, read, fit or encode.</param>
/// <param name="Format">The files' format: parquet or csv.gz.</param>
/// <param name="Rows">The rows handled.</param>
/// <param name="Bytes">The size of the files written or read.</param>
/// <param name="Seconds">The wall-clock time of the phase.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set at the end of the phase (since its start).</param>
internal sealed record DataPhase(
    string Name, string Format, long Rows, long Bytes, double Seconds, long PeakWorkingSetBytes)
{
    /// <summary>Rows per second.</summary>
    [JsonPropertyName("rows_per_second")]
    public double RowsPerSecond => Rows / Math.Max(Seconds, 1e-9);

    /// <summary>Megabytes (10^6 bytes) of file per second.</summary>
    [JsonPropertyName("megabytes_per_second")]
    public double MegabytesPerSecond => Bytes / 1e6 / Math.Max(Seconds, 1e-9);
}
