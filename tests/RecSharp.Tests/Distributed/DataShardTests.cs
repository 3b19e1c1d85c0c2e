using RecSharp.Distributed;

namespace RecSharp.Tests.Distributed;

public sealed class DataShardTests
{
    [Fact]
    public void RankRKeepsTheRowsWhoseIndexModuloTheRanksIsR()
    {
        Assert.Equal([0, 3, 6], DataShard.Rows(8, 0, 3));
        Assert.Equal([1, 4, 7], DataShard.Rows(8, 1, 3));
        Assert.Equal([2, 5], DataShard.Rows(8, 2, 3));
        Assert.Empty(DataShard.Rows(2, 2, 3));
    }

    [Fact]
    public void ARankOutsideTheGroupIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DataShard.Rows(8, 3, 3));
        Assert.Contains("rank 3 of 3 ranks", error.Message);
    }
}
