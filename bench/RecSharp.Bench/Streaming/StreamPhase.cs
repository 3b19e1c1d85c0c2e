using System.Text.Json.Serialization;

namespace RecSharp.Bench.Streaming;

/// <summary>One training epoch the streaming benchmark measured.</summary>
/// <param name="Model">The model trained.</param>
/// <param name="Source">Where its rows came from.</param>
/// <param name="Mode">How they were fed: streamed from the files, or held in memory.</param>
/// <param name="Rows">The training rows of the epoch.</param>
/// <param name="PrepareSeconds">Reading, splitting and fitting the preprocessing (and, in memory, encoding).</param>
/// <param name="TrainSeconds">The epoch's <c>Fit</c>.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set at the end of the phase (since its start).</param>
internal sealed record StreamPhase(
    string Model,
    string Source,
    string Mode,
    long Rows,
    double PrepareSeconds,
    double TrainSeconds,
    long PeakWorkingSetBytes)
{
    /// <summary>Training rows per second of the epoch.</summary>
    [JsonPropertyName("rows_per_second")]
    public double RowsPerSecond => Rows / Math.Max(TrainSeconds, 1e-9);

    /// <summary>
    /// The processor seconds of all the process's threads during the epoch: what the epoch cost, which other processes
    /// on a loaded machine do not inflate as they do <see cref="TrainSeconds"/>.
    /// </summary>
    public double TrainProcessorSeconds { get; init; }

    /// <summary>Training rows per processor second of the epoch (see <see cref="TrainProcessorSeconds"/>).</summary>
    [JsonPropertyName("rows_per_processor_second")]
    public double RowsPerProcessorSecond => Rows / Math.Max(TrainProcessorSeconds, 1e-9);

    /// <summary>Managed bytes allocated per training row during the epoch; 0 without a measured epoch.</summary>
    [JsonPropertyName("allocated_bytes_per_row")]
    public double AllocatedBytesPerRow => TrainPeak is { } peak && Rows > 0 ? (double)peak.AllocatedBytes / Rows : 0;

    /// <summary>The largest working set while preparing, managed and native.</summary>
    public MemoryPeak? PreparePeak { get; init; }

    /// <summary>The largest working set during the epoch, managed and native.</summary>
    public MemoryPeak? TrainPeak { get; init; }
}
