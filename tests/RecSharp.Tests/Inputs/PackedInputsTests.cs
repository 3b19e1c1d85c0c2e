using RecSharp.Features;
using RecSharp.Inputs;
using static TorchSharp.torch;

namespace RecSharp.Tests.Inputs;

public class PackedInputsTests
{
    // Dense and sparse columns interleaved, one dense column two wide.
    private static FeatureLayout Layout() => new([
        new DenseFeat("price"),
        new SparseFeat("user", 10),
        new DenseFeat("vec", 2),
        new SparseFeat("item", 5),
    ]);

    private static Dictionary<string, Array> Valid() => new()
    {
        ["price"] = new[] { 1.5, -2.0 },
        ["user"] = new[] { 3, 9 },
        ["vec"] = new float[,] { { 1, 2 }, { 3, 4 } },
        ["item"] = new long[] { 4, 0 },
    };

    [Fact]
    public void EachRowHoldsItsSparseIdsThenItsDenseValuesInLayoutOrder()
    {
        using var packed = InputConverter.ToPacked(Layout(), Valid());

        Assert.Equal(2, packed.Rows);
        Assert.Equal(ScalarType.Int64, packed.SparseIds.dtype);
        Assert.Equal([2L, 2L], packed.SparseIds.shape);
        Assert.Equal([3L, 4L, 9L, 0L], packed.SparseIds.data<long>().ToArray());
        Assert.Equal(ScalarType.Float32, packed.DenseValues.dtype);
        Assert.Equal([2L, 3L], packed.DenseValues.shape);
        Assert.Equal([1.5f, 1f, 2f, -2f, 3f, 4f], packed.DenseValues.data<float>().ToArray());
    }

    [Fact]
    public void NarrowKeepsTheRowsAsked()
    {
        using var packed = InputConverter.ToPacked(Layout(), Valid());

        var second = packed.Narrow(1, 1);

        Assert.Equal(1, second.Rows);
        Assert.Equal([9L, 0L], second.SparseIds.data<long>().ToArray());
        Assert.Equal([-2f, 3f, 4f], second.DenseValues.data<float>().ToArray());
    }

    public static TheoryData<string> BadInputs => new() { "missing", "id", "nan", "width", "rows" };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputsAreRejectedWithTheMessageOfTheNamedConversion(string problem)
    {
        var inputs = Valid();
        switch (problem)
        {
            case "missing": inputs.Remove("vec"); break;
            case "id": inputs["item"] = new long[] { 4, 5 }; break;
            case "nan": inputs["price"] = new[] { 1.0, double.NaN }; break;
            case "width": inputs["vec"] = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }; break;
            default: inputs["user"] = new[] { 1, 2, 3 }; break;
        }

        var named = Assert.Throws<InputValidationException>(() => InputConverter.ToTensors(Layout(), inputs));
        var packed = Assert.Throws<InputValidationException>(() => InputConverter.ToPacked(Layout(), inputs));

        Assert.Equal(named.Message, packed.Message);
        Assert.Equal(named.Feature, packed.Feature);
    }

    [Fact]
    public void LayoutsWithSequencesAreNotPacked()
    {
        var layout = new FeatureLayout(
            [new SparseFeat("user", 10), new VarLenSparseFeat(new SparseFeat("hist", 10), 3)]);
        var inputs = new Dictionary<string, Array>
        {
            ["user"] = new[] { 1 }, ["hist"] = new long[,] { { 1, 2, 0 } },
        };

        Assert.False(PackedInputs.Supports(layout));
        Assert.True(PackedInputs.Supports(Layout()));
        Assert.Throws<InvalidOperationException>(() => InputConverter.ToPacked(layout, inputs));
    }
}
