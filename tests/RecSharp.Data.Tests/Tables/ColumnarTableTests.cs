using RecSharp.Data.Reading;
using RecSharp.Data.Tables;

namespace RecSharp.Data.Tests.Tables;

public class ColumnarTableTests
{
    private static ColumnarTable Sample(int rows)
    {
        var ids = Enumerable.Range(0, rows).ToArray();
        var values = ids.Select(i => i / 10f).ToArray();
        var sequences = new int[rows, 2];
        var labels = new double[rows, 2];
        for (var i = 0; i < rows; i++)
        {
            sequences[i, 0] = i;
            sequences[i, 1] = -i;
            labels[i, 0] = i % 2;
            labels[i, 1] = i;
        }

        return new ColumnarTable(rows, [new("id", ids), new("value", values), new("seq", sequences)], ["even", "index"],
            labels);
    }

    [Fact]
    public void InputDictionaryKeepsFeatureOrderAndArrays()
    {
        var table = Sample(5);
        var inputs = table.ToInputDictionary();

        Assert.Equal(["id", "value", "seq"], inputs.Keys);
        Assert.IsType<int[]>(inputs["id"]);
        Assert.IsType<float[]>(inputs["value"]);
        Assert.IsType<int[,]>(inputs["seq"]);
        Assert.Same(table["id"], inputs["id"]);
    }

    [Fact]
    public void SliceTakesRowsInOrderAcrossEveryArray()
    {
        var slice = Sample(6).Slice([4, 1, 4]);

        Assert.Equal(3, slice.RowCount);
        Assert.Equal([4, 1, 4], (int[])slice["id"]);
        Assert.Equal([0.4f, 0.1f, 0.4f], (float[])slice["value"]);
        Assert.Equal(new[,] { { 4, -4 }, { 1, -1 }, { 4, -4 } }, (int[,])slice["seq"]);
        Assert.Equal(new double[,] { { 0, 4 }, { 1, 1 }, { 0, 4 } }, slice.Labels);
    }

    [Fact]
    public void SplitIsDeterministicDisjointAndComplete()
    {
        var table = Sample(101);
        var (trainA, testA) = table.Split(0.2, seed: 1024);
        var (trainB, testB) = table.Split(0.2, seed: 1024);
        var (_, testC) = table.Split(0.2, seed: 7);

        Assert.Equal((int[])testA["id"], (int[])testB["id"]);
        Assert.Equal((int[])trainA["id"], (int[])trainB["id"]);
        Assert.NotEqual((int[])testA["id"], (int[])testC["id"]);
        Assert.Equal(21, testA.RowCount);
        Assert.Equal(80, trainA.RowCount);
        Assert.Equal(Enumerable.Range(0, 101), ((int[])trainA["id"]).Concat((int[])testA["id"]).Order());
        Assert.NotEqual(Enumerable.Range(0, 80), (int[])trainA["id"]);
    }

    [Fact]
    public void SplitIndicesAreFixedForAGivenSeed()
    {
        var (train, test) = ShuffleSplit.Indices(10, 0.3, seed: 42);
        var (train2, test2) = ShuffleSplit.Indices(10, 0.3, seed: 42);

        Assert.Equal(3, test.Length);
        Assert.Equal(7, train.Length);
        Assert.Equal(test, test2);
        Assert.Equal(train, train2);
    }

    [Fact]
    public void ZeroTestFractionKeepsEveryRowForTraining()
    {
        var (train, test) = ShuffleSplit.Indices(10, 0, seed: 1);
        Assert.Empty(test);
        Assert.Equal(10, train.Length);
    }

    [Fact]
    public void RawAndColumnarTablesSplitTheSameRows()
    {
        var raw = new RawTable("x.csv", Enumerable.Range(2, 50).ToArray(),
            [new RawColumn("id", null, Enumerable.Range(0, 50).Select(i => (double)i).ToArray())]);
        var (_, rawTest) = raw.Split(0.2, 9);
        var (_, test) = Sample(50).Split(0.2, 9);

        Assert.Equal(((int[])test["id"]).Select(i => (double)i), rawTest["id"].Numbers!);
        Assert.Equal(((int[])test["id"]).Select(i => i + 2), rawTest.LineNumbers);
    }

    [Fact]
    public void MismatchedShapesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new ColumnarTable(3, [new("id", new int[2])], [], null));
        Assert.Throws<ArgumentException>(() => new ColumnarTable(2, [new("id", new int[2])], ["t"], new double[2, 2]));
        Assert.Throws<ArgumentException>(() =>
            new ColumnarTable(2, [new("id", new int[2]), new("id", new int[2])], [], null));
    }
}
