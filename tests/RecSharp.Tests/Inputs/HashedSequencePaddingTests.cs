using RecSharp.Features;
using RecSharp.Inputs;

namespace RecSharp.Tests.Inputs;

public class HashedSequencePaddingTests
{
    [Fact]
    public void IntegerZeroIsPaddingInAHashedSequence()
    {
        var tags = new VarLenSparseFeat(new SparseFeat("tags", 50, useHash: true, dtype: "int64"), 3);
        var layout = new FeatureLayout([tags]);

        using var tensors = InputConverter.ToTensors(layout,
            new Dictionary<string, Array> { ["tags"] = new long[,] { { 5, 0, 0, 0 } } });

        long expected = 1 + FeatureHasher.Bucket(5L, 49);
        Assert.Equal(new[] { expected, 0, 0 }, tensors["tags"].data<long>().ToArray());
    }

    [Fact]
    public void AHashedSequenceNeedsRoomBesidesPadding()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new VarLenSparseFeat(new SparseFeat("tags", 1, useHash: true, dtype: "string"), 2));
        Assert.Contains("tags", error.Message);
    }

    [Fact]
    public void BucketsMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureHasher.Bucket("a", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureHasher.Bucket(7L, -1));
    }
}
