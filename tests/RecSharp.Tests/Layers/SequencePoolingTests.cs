using RecSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

public class SequencePoolingTests
{
    // (batch 3, maxLen 3, dim 2). Position 2 of rows 0 and 2 is padding with a large value that must never show up.
    private static Tensor Embeddings() => tensor(new float[]
    {
        1, 2,    3, -4,   50, 60,
        -1, -2,  7, 8,    9, 10,
        -5, -1,  -2, -3,  100, 100,
    }).reshape(3, 3, 2);

    // row 0: first two valid; row 1: all padding; row 2: first two valid.
    private static Tensor Mask() => tensor(new float[] { 1, 1, 0, 0, 0, 0, 1, 1, 0 }).reshape(3, 3);

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    private static void AssertClose(float[] expected, Tensor actual, double tolerance = 1e-5)
    {
        var values = Values(actual);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance,
                $"[{i}]: expected {expected[i]}, got {values[i]}");
        }
    }

    [Fact]
    public void SumAddsOnlyValidPositions()
    {
        using var pooled = SequencePooling.Pool(Embeddings(), Mask(), "sum");

        Assert.Equal(new long[] { 3, 2 }, pooled.shape);
        AssertClose([4, -2, 0, 0, -7, -4], pooled);
    }

    [Fact]
    public void MeanDividesTheValidSumByTheValidCount()
    {
        using var pooled = SequencePooling.Pool(Embeddings(), Mask(), "mean");

        AssertClose([2, -1, 0, 0, -3.5f, -2], pooled);
    }

    [Fact]
    public void MeanOverAnAllPaddingRowIsExactlyZeroNotNaN()
    {
        using var pooled = SequencePooling.Pool(Embeddings(), Mask(), "mean");

        var row1 = Values(pooled).Skip(2).Take(2).ToArray();
        Assert.Equal([0f, 0f], row1);
    }

    [Fact]
    public void MaxTakesTheLargestValidValuePerDimension()
    {
        using var pooled = SequencePooling.Pool(Embeddings(), Mask(), "max");

        // row 0: max(1,3)=3, max(2,-4)=2; row 2 is all negative, so padding (100) must not win and 0 must not appear.
        AssertClose([3, 2, 0, 0, -2, -1], pooled);
    }

    [Fact]
    public void MaxOverAnAllPaddingRowIsZero()
    {
        using var pooled = SequencePooling.Pool(Embeddings(), Mask(), "max");

        Assert.Equal([0f, 0f], Values(pooled).Skip(2).Take(2).ToArray());
    }

    [Fact]
    public void WeightsMultiplyEachPositionBeforePooling()
    {
        var weights = tensor(new float[] { 2, 0.5f, 10, 1, 1, 1, -1, 3, 7 }).reshape(3, 3);

        using var pooled = SequencePooling.Pool(Embeddings(), Mask(), "sum", weights);

        // row 0: 2·(1,2) + 0.5·(3,-4) = (3.5, 2); row 2: -1·(-5,-1) + 3·(-2,-3) = (-1, -8)
        AssertClose([3.5f, 2, 0, 0, -1, -8], pooled);
    }

    [Fact]
    public void NormalizeWeightsIsASoftmaxOverValidPositionsOnly()
    {
        var weights = tensor(new float[] { 0, (float)Math.Log(3), 5, 1, 2, 3, 4, 4, 100 }).reshape(3, 3);

        using var normalized = SequencePooling.NormalizeWeights(weights, Mask());

        // row 0: e^0 : e^ln3 = 1 : 3; row 1: no valid position → zeros (not NaN); row 2: equal weights.
        AssertClose([0.25f, 0.75f, 0, 0, 0, 0, 0.5f, 0.5f, 0], normalized, 1e-6);
    }

    [Fact]
    public void WeightedPoolingWithNormalisedWeights()
    {
        var weights = tensor(new float[] { 0, (float)Math.Log(3), 5, 1, 2, 3, 4, 4, 100 }).reshape(3, 3);
        using var normalized = SequencePooling.NormalizeWeights(weights, Mask());

        using var pooled = SequencePooling.Pool(Embeddings(), Mask(), "sum", normalized);

        // row 0: 0.25·(1,2) + 0.75·(3,-4) = (2.5, -2.5); row 2: 0.5·(-5,-1) + 0.5·(-2,-3) = (-3.5, -2)
        AssertClose([2.5f, -2.5f, 0, 0, -3.5f, -2], pooled);
    }

    [Fact]
    public void LengthMaskMarksTheFirstLengthPositions()
    {
        using var mask = SequencePooling.LengthMask(tensor(new long[] { 0, 2, 3, 1 }), 3);

        Assert.Equal(ScalarType.Float32, mask.dtype);
        Assert.Equal(new long[] { 4, 3 }, mask.shape);
        Assert.Equal([0f, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0], Values(mask));
    }

    [Fact]
    public void UnknownCombinerIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => SequencePooling.Pool(Embeddings(), Mask(), "median"));
        Assert.Contains("median", ex.Message);
    }
}
