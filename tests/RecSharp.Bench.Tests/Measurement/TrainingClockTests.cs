using RecSharp.Bench.Measurement;

namespace RecSharp.Bench.Tests.Measurement;

/// <summary>The clock's bookkeeping, driven by the callback events a fit raises.</summary>
public class TrainingClockTests
{
    private static readonly Dictionary<string, double> Full = new() { ["loss"] = 0.5, ["size"] = 256 };

    private static void Epoch(TrainingClock clock, int epoch, int steps, int lastSize)
    {
        clock.OnEpochBegin(epoch);
        for (int step = 0; step < steps; step++)
        {
            clock.OnBatchBegin(step);
            Thread.SpinWait(1_000);
            clock.OnBatchEnd(step,
                step == steps - 1 ? new Dictionary<string, double> { ["loss"] = 0.5, ["size"] = lastSize } : Full);
        }
        clock.OnEpochEnd(epoch, new Dictionary<string, double>());
    }

    [Fact]
    public void TheWarmupStepsOfTheFirstEpochAreNotTimed()
    {
        var clock = new TrainingClock(warmupBatches: 3);

        Epoch(clock, 0, steps: 10, lastSize: 100);

        Assert.Equal(7, clock.TimedSteps);
        Assert.Equal(6 * 256 + 100, clock.TimedRows);
        Assert.True(clock.TimedSeconds > 0);
        Assert.Equal(clock.TimedRows / clock.TimedSeconds, clock.RowsPerSecond, 6);
    }

    [Fact]
    public void LaterEpochsAreTimedWhole()
    {
        var clock = new TrainingClock(warmupBatches: 2);

        Epoch(clock, 0, steps: 4, lastSize: 256);
        Epoch(clock, 1, steps: 4, lastSize: 256);

        Assert.Equal(2 + 4, clock.TimedSteps);
        Assert.Equal(6 * 256, clock.TimedRows);
    }

    [Fact]
    public void WithoutWarmupEveryStepIsTimed()
    {
        var clock = new TrainingClock(warmupBatches: 0);

        Epoch(clock, 0, steps: 3, lastSize: 10);

        Assert.Equal(3, clock.TimedSteps);
        Assert.Equal(2 * 256 + 10, clock.TimedRows);
    }

    [Fact]
    public void NothingTimedIsZeroRowsPerSecond() => Assert.Equal(0, new TrainingClock(5).RowsPerSecond);
}
