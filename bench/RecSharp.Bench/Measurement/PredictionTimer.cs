using System.Diagnostics;
using RecSharp.Data.Tables;
using RecSharp.Models;

namespace RecSharp.Bench.Measurement;

/// <summary>Times <see cref="MultiTaskModel.Predict(IReadOnlyDictionary{string, Array}, int)"/> as an application calls
/// it: from arrays to scores.</summary>
internal static class PredictionTimer
{
    /// <summary>
    /// Rows per second of whole passes over <paramref name="rows"/> at <paramref name="batchSize"/>, after one untimed
    /// pass; passes repeat until <paramref name="minSeconds"/> have gone by (at least one pass).
    /// </summary>
    public static (double RowsPerSecond, long Rows, double Seconds) Throughput(MultiTaskModel model, ColumnarTable rows,
        int batchSize, double minSeconds)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.RowCount == 0) throw new ArgumentException("no rows to predict", nameof(rows));
        var inputs = rows.ToInputDictionary();
        model.Predict(inputs, batchSize);
        long timedRows = 0;
        long start = Stopwatch.GetTimestamp();
        double seconds;
        do
        {
            model.Predict(inputs, batchSize);
            timedRows += rows.RowCount;
            seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        while (seconds < minSeconds);
        return (timedRows / seconds, timedRows, seconds);
    }

    /// <summary>
    /// The latency of predicting one row, over <paramref name="calls"/> calls after <paramref name="warmupCalls"/>
    /// untimed ones. The single-row inputs are sliced from <paramref name="rows"/> (cycling) before any timing.
    /// </summary>
    public static LatencySummary SingleRowLatency(MultiTaskModel model, ColumnarTable rows, int calls, int warmupCalls)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        if (rows.RowCount == 0) throw new ArgumentException("no rows to predict", nameof(rows));
        var singles = Enumerable.Range(0, Math.Min(calls, rows.RowCount))
            .Select(i => rows.Slice([i]).ToInputDictionary()).ToArray();
        for (int i = 0; i < warmupCalls; i++) model.Predict(singles[i % singles.Length], batchSize: 1);
        var durations = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(singles[i % singles.Length], batchSize: 1);
            durations[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return LatencySummary.From(durations);
    }
}
