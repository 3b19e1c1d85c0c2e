using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Models;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Features;

/// <summary>
/// Sizes whose tensors could not be saved (more than one .NET array holds) are refused when declared, naming the
/// feature or layer and its sizes, before anything is allocated.
/// </summary>
public class TensorSizeLimitTests
{
    [Fact]
    public void AHugeVocabularyIsRefusedNamingTheFeatureAndItsSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new SparseFeat("user", 100_000_000, 8));

        Assert.Equal("feature \"user\": an embedding table of 100000000 × 8 float32 values takes 3.0 GiB, " +
                     "more than the 2.0 GiB one tensor may hold; " +
                     "lower vocabularySize (hash the ids into fewer buckets) or embeddingDim", error.Message);
    }

    [Fact]
    public void AHugeEmbeddingDimensionIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SparseFeat("user", 1_000, 1_000_000));

        Assert.StartsWith("feature \"user\": an embedding table of 1000 × 1000000 float32 values takes 3.7 GiB",
            error.Message);
    }

    [Fact]
    public void AHugeMaxLenIsRefusedNamingTheSequence()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new VarLenSparseFeat(new SparseFeat("hist", 1_000, 8), 100_000_000));

        Assert.StartsWith("feature \"hist\": the embedded sequence of one row " +
                          "of 100000000 × 8 float32 values takes 3.0 GiB", error.Message);
        Assert.EndsWith("lower maxLen", error.Message);
    }

    [Fact]
    public void AMaxLenWhoseBatchWouldNotFitIsRefusedForThatBatchSize()
    {
        var hist = new VarLenSparseFeat(new SparseFeat("hist", 1_000, 4), 100_000_000);
        var layout = new FeatureLayout([hist, new DenseFeat("price")]);

        var error = Assert.Throws<ArgumentException>(() => layout.RequireBatchFits(256));
        layout.RequireBatchFits(1);

        Assert.StartsWith("feature \"hist\": the embedded sequences of a batch of 256 rows " +
                          "of 256 × 100000000 × 4 float32 values", error.Message);
        Assert.EndsWith("lower the batch size or maxLen", error.Message);
    }

    [Fact]
    public void AHugeDenseDimensionIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new DenseFeat("pixels", 1_000_000_000));

        Assert.StartsWith("feature \"pixels\": one row of 1000000000 float32 values takes 3.7 GiB", error.Message);
    }

    [Fact]
    public void HugeHiddenUnitsAreRefusedNamingTheLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dnn(100_000, [64, 100_000_000], new DnnOptions()));

        Assert.StartsWith("layer 2 of a DNN (100000000 units over 64 inputs): " +
                          "its weight of 100000000 × 64 float32 values takes 23.8 GiB", error.Message);
    }

    [Fact]
    public void EmbeddingTablesBeyondTheProcesssMemoryAreRefusedBeforeAnyIsAllocated()
    {
        // Tables each within the one-tensor limit (2.0 · 10⁹ bytes) that together exceed the memory available.
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var columns = Enumerable.Range(0, (int)(available / 2_000_000_000) + 1)
            .Select(i => (FeatureColumn)new SparseFeat($"id{i}", 500_000_000, 1)).ToArray();

        var (error, managed, resident) = MemoryGrowth.During(() => new Ple(columns).Dispose());

        var refused = Assert.IsType<ArgumentException>(error);
        Assert.Matches("^the embedding tables take .+ GiB, more than the .+ of memory this process may use " +
                       "\\(the largest, \"id0\", is 500000000 × 1\\)", refused.Message);
        Assert.InRange(managed, 0, 300L << 20);
        if (resident is { } growth) Assert.InRange(growth, long.MinValue, 300L << 20);
    }
}
