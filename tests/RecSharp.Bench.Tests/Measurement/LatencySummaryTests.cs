using RecSharp.Bench.Measurement;

namespace RecSharp.Bench.Tests.Measurement;

public class LatencySummaryTests
{
    [Fact]
    public void PercentilesAreNearestRank()
    {
        // 200 … 1, unsorted on purpose
        var values = Enumerable.Range(1, 200).Select(i => (double)i).Reverse().ToArray();

        var summary = LatencySummary.From(values);

        Assert.Equal(200, summary.Calls);
        Assert.Equal(100, summary.P50Ms);    // the 100th of 200
        Assert.Equal(198, summary.P99Ms);    // the 198th of 200
        Assert.Equal(100.5, summary.MeanMs);
        Assert.Equal(200, summary.MaxMs);
        Assert.Equal(200, values[0]);         // the input is left as it was
    }

    [Fact]
    public void OneCallIsEveryPercentile()
    {
        var summary = LatencySummary.From([0.25]);
        Assert.Equal(0.25, summary.P50Ms);
        Assert.Equal(0.25, summary.P99Ms);
    }

    [Fact]
    public void NoCallsIsAnError() => Assert.Throws<ArgumentException>(() => LatencySummary.From([]));
}
