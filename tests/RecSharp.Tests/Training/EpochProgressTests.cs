using RecSharp.Training;

namespace RecSharp.Tests.Training;

/// <summary>EpochProgress: share done, throughput and time left.</summary>
public class EpochProgressTests
{
    [Fact]
    public void ThroughputAndTimeLeftFollowFromRowsAndElapsedTime()
    {
        var progress = new EpochProgress(RowsDone: 2_500, Rows: 10_000, Elapsed: TimeSpan.FromSeconds(2));

        Assert.Equal(0.25, progress.Fraction);
        Assert.Equal(1_250, progress.RowsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(6), progress.Remaining);
    }

    [Fact]
    public void AFinishedEpochHasNoTimeLeft()
    {
        var progress = new EpochProgress(10_000, 10_000, TimeSpan.FromSeconds(4));

        Assert.Equal(1, progress.Fraction);
        Assert.Equal(2_500, progress.RowsPerSecond);
        Assert.Equal(TimeSpan.Zero, progress.Remaining);
    }

    [Fact]
    public void BeforeAnyTimeHasPassedTheTimeLeftIsUnknown()
    {
        var progress = new EpochProgress(256, 10_000, TimeSpan.Zero);

        Assert.Equal(0, progress.RowsPerSecond);
        Assert.Null(progress.Remaining);
        Assert.Null(new EpochProgress(0, 10_000, TimeSpan.FromSeconds(1)).Remaining);
    }

    [Fact]
    public void AnEpochWithoutRowsIsDone() => Assert.Equal(1, new EpochProgress(0, 0, TimeSpan.Zero).Fraction);
}
