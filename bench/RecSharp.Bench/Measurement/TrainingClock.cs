using System.Diagnostics;
using RecSharp.Training.Callbacks;

namespace RecSharp.Bench.Measurement;

/// <summary>
/// Times the training steps of a fit from inside it: the first <see cref="WarmupBatches"/> steps of the first epoch
/// are excluded (libtorch's and the JIT's first-call costs), and so is the work between epochs (the row shuffle and
/// the epoch's metrics). Each timed span runs from the end of a step to the end of the epoch's last step, so it holds
/// only whole steps: batch selection, forward, backward, optimizer step and the record of the batch's outputs.
/// The process's CPU time over the same spans is kept too: on a machine other processes share, rows per CPU second
/// still compare two builds at one thread, where wall time measures mostly the other processes.
/// </summary>
internal sealed class TrainingClock : Callback
{
    private int _epoch;
    private long _spanStart;
    private long _lastEnd;
    private bool _inSpan;
    private bool _started;
    private long _ticks;
    private TimeSpan _cpuStart;
    private TimeSpan _cpuLast;
    private TimeSpan _cpu;

    /// <summary>Creates the clock.</summary>
    /// <param name="warmupBatches">Steps of the first epoch left untimed (0 times them all).</param>
    public TrainingClock(int warmupBatches)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupBatches);
        WarmupBatches = warmupBatches;
    }

    /// <summary>Steps of the first epoch left untimed.</summary>
    public int WarmupBatches { get; }

    /// <summary>Raised once, when the first timed span starts (after the warm-up steps).</summary>
    public event Action? TimingStarted;

    /// <summary>Rows of the timed steps.</summary>
    public long TimedRows { get; private set; }

    /// <summary>Timed steps.</summary>
    public int TimedSteps { get; private set; }

    /// <summary>Seconds of the timed steps.</summary>
    public double TimedSeconds => (double)_ticks / Stopwatch.Frequency;

    /// <summary>CPU seconds the process used (all its threads) over the timed steps.</summary>
    public double CpuSeconds => _cpu.TotalSeconds;

    /// <summary>Training rows per second over the timed steps (0 when nothing was timed).</summary>
    public double RowsPerSecond => _ticks > 0 ? TimedRows / TimedSeconds : 0;

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch) => _epoch = epoch;

    /// <inheritdoc />
    public override void OnBatchBegin(int batch)
    {
        if (batch == 0 && (_epoch > 0 || WarmupBatches == 0)) StartSpan();
    }

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        long now = Stopwatch.GetTimestamp();
        var cpu = ProcessCpu();
        if (_inSpan)
        {
            TimedRows += (long)logs["size"];
            TimedSteps++;
            _lastEnd = now;
            _cpuLast = cpu;
        }
        else if (_epoch == 0 && batch == WarmupBatches - 1)
        {
            _spanStart = now;
            _lastEnd = now;
            (_cpuStart, _cpuLast) = (cpu, cpu);
            Begin();
        }
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (_inSpan)
        {
            _ticks += _lastEnd - _spanStart;
            _cpu += _cpuLast - _cpuStart;
        }
        _inSpan = false;
    }

    private void StartSpan()
    {
        _spanStart = Stopwatch.GetTimestamp();
        _lastEnd = _spanStart;
        _cpuStart = ProcessCpu();
        _cpuLast = _cpuStart;
        Begin();
    }

    private void Begin()
    {
        if (!_started) TimingStarted?.Invoke();
        _started = true;
        _inSpan = true;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
