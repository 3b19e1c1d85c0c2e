using System.Diagnostics;
using System.Globalization;

namespace RecSharp.Training;

/// <summary>
/// Training progress on a text writer: verbose 1 redraws one line per epoch (a bar, rows/s, ETA and the running
/// loss) and ends it with the epoch's metrics; verbose 2 writes one line per epoch; verbose 0 writes nothing.
/// </summary>
internal sealed class ProgressReporter
{
    private const int BarWidth = 24;
    private readonly int _verbose;
    private readonly TextWriter _output;
    private readonly Stopwatch _clock = new();
    private long _rows;
    private long _lastDrawMs = -1000;

    public ProgressReporter(int verbose, TextWriter output)
    {
        _verbose = verbose;
        _output = output;
    }

    public void EpochBegin(int epoch, int epochs, long rows)
    {
        _rows = rows;
        _lastDrawMs = -1000;
        _clock.Restart();
        if (_verbose == 1) _output.WriteLine($"Epoch {epoch + 1}/{epochs}");
    }

    public void Step(long done, double runningLoss)
    {
        if (_verbose != 1) return;
        long now = _clock.ElapsedMilliseconds;
        if (done < _rows && now - _lastDrawMs < 100) return;
        _lastDrawMs = now;
        var progress = new EpochProgress(done, _rows, _clock.Elapsed);
        int filled = (int)(BarWidth * progress.Fraction);
        string bar = new string('=', filled) + (filled < BarWidth ? ">" + new string(' ', BarWidth - filled - 1) : "");
        string eta = progress.Remaining is { } left ? left.ToString(@"mm\:ss", CultureInfo.InvariantCulture) : "--:--";
        _output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{bar}] {done}/{_rows} rows  {progress.RowsPerSecond:N0} rows/s  ETA {eta}  loss {runningLoss:F4}   "));
        if (done >= _rows) _output.WriteLine();
    }

    public void Warning(string warning)
    {
        if (_verbose != 0) _output.WriteLine($"warning: {warning}");
    }

    public void EpochEnd(int epoch, int epochs, IReadOnlyDictionary<string, double> logs)
    {
        if (_verbose == 0) return;
        string metrics = string.Join("  ",
            logs.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F4}")));
        string prefix = _verbose == 2 ? $"Epoch {epoch + 1}/{epochs}  " : "";
        _output.WriteLine($"{prefix}{_clock.Elapsed.TotalSeconds:F1}s  {metrics}");
    }
}
