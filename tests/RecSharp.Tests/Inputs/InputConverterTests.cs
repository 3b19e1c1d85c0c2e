using RecSharp.Features;
using RecSharp.Inputs;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Inputs;

public class InputConverterTests
{
    // user: sparse ids in [0, 10); price: 1 dense value; vec: 2 dense values; hist: sequence of ids in [0, 10), maxLen
    // 3.
    private static FeatureLayout Layout() => new([
        new SparseFeat("user", 10),
        new DenseFeat("price"),
        new DenseFeat("vec", 2),
        new VarLenSparseFeat(new SparseFeat("hist", 10), 3),
    ]);

    private static Dictionary<string, Array> Valid() => new()
    {
        ["user"] = new[] { 3, 9 },
        ["price"] = new[] { 1.5, -2.0 },
        ["vec"] = new float[,] { { 1, 2 }, { 3, 4 } },
        ["hist"] = new long[,] { { 1, 2, 3 }, { 4, 0, 0 } },
    };

    private static InputValidationException Invalid(Action<Dictionary<string, Array>> change,
        FeatureLayout? layout = null)
    {
        var inputs = Valid();
        change(inputs);
        return Assert.Throws<InputValidationException>(() => InputConverter.ToTensors(layout ?? Layout(), inputs));
    }

    private static long[] Longs(Tensor t) => t.data<long>().ToArray();
    private static float[] Floats(Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void ValidInputsBecomeTensorsOfTheDocumentedShapesAndTypes()
    {
        using var x = InputConverter.ToTensors(Layout(), Valid());

        Assert.Equal(2, x.Rows);
        Assert.Equal(ScalarType.Int64, x["user"].dtype);
        Assert.Equal([2L], x["user"].shape);
        Assert.Equal([3L, 9L], Longs(x["user"]));
        Assert.Equal(ScalarType.Float32, x["price"].dtype);
        Assert.Equal([2L, 1L], x["price"].shape);
        Assert.Equal([1.5f, -2f], Floats(x["price"]));
        Assert.Equal([2L, 2L], x["vec"].shape);
        Assert.Equal([1f, 2f, 3f, 4f], Floats(x["vec"]));
        Assert.Equal(ScalarType.Int64, x["hist"].dtype);
        Assert.Equal([2L, 3L], x["hist"].shape);
        Assert.Equal([1L, 2L, 3L, 4L, 0L, 0L], Longs(x["hist"]));
    }

    [Fact]
    public void NarrowSequencesAreRightPaddedWithZero()
    {
        var inputs = Valid();
        inputs["hist"] = new int[,] { { 5 }, { 6 } };

        using var x = InputConverter.ToTensors(Layout(), inputs);

        Assert.Equal([2L, 3L], x["hist"].shape);
        Assert.Equal([5L, 0L, 0L, 6L, 0L, 0L], Longs(x["hist"]));
    }

    [Fact]
    public void JaggedSequencesArePaddedToMaxLen()
    {
        var inputs = Valid();
        inputs["hist"] = new int[][] { [7, 8], [] };

        using var x = InputConverter.ToTensors(Layout(), inputs);

        Assert.Equal([7L, 8L, 0L, 0L, 0L, 0L], Longs(x["hist"]));
    }

    [Fact]
    public void WideSequencesWithOnlyZeroPaddingBeyondMaxLenAreTruncated()
    {
        var inputs = Valid();
        inputs["hist"] = new long[,] { { 1, 2, 3, 0, 0 }, { 4, 0, 0, 0, 0 } };

        using var x = InputConverter.ToTensors(Layout(), inputs);

        Assert.Equal([1L, 2L, 3L, 4L, 0L, 0L], Longs(x["hist"]));
    }

    [Fact]
    public void IntegralFloatingIdsAreAccepted()
    {
        var inputs = Valid();
        inputs["user"] = new[] { 3.0, 0.0 };

        using var x = InputConverter.ToTensors(Layout(), inputs);

        Assert.Equal([3L, 0L], Longs(x["user"]));
    }

    [Fact]
    public void HashedStringsMapToFeatureHasherBuckets()
    {
        var layout = new FeatureLayout([new SparseFeat("city", 100, useHash: true, dtype: "string")]);

        using var x = InputConverter.ToTensors(layout,
            new Dictionary<string, Array> { ["city"] = new[] { "paris", "tokyo", "paris" } });

        long paris = FeatureHasher.Bucket("paris", 100), tokyo = FeatureHasher.Bucket("tokyo", 100);
        Assert.Equal([paris, tokyo, paris], Longs(x["city"]));
    }

    [Fact]
    public void HashedIntegersMapToFeatureHasherBucketsEvenBeyondTheVocabulary()
    {
        var layout = new FeatureLayout([new SparseFeat("uid", 50, useHash: true, dtype: "int64")]);

        using var x = InputConverter.ToTensors(layout,
            new Dictionary<string, Array> { ["uid"] = new[] { 123456789012L, -5L } });

        Assert.Equal([FeatureHasher.Bucket(123456789012L, 50), FeatureHasher.Bucket(-5L, 50)], Longs(x["uid"]));
    }

    [Fact]
    public void HashedSequencesKeepZeroForPaddingAndHashValuesIntoOneToVocabulary()
    {
        var layout = new FeatureLayout(
            [new VarLenSparseFeat(new SparseFeat("tags", 50, useHash: true, dtype: "string"), 3)]);

        using var x = InputConverter.ToTensors(layout, new Dictionary<string, Array>
        {
            ["tags"] = new string[][] { ["red", "blue"], ["", "red", null!] },
        });

        long red = 1 + FeatureHasher.Bucket("red", 49), blue = 1 + FeatureHasher.Bucket("blue", 49);
        Assert.Equal([red, blue, 0L, 0L, red, 0L], Longs(x["tags"]));
    }

    [Fact]
    public void LengthAndWeightColumnsAreConverted()
    {
        var layout = new FeatureLayout(
            [new VarLenSparseFeat(new SparseFeat("s", 10), 3, "sum", lengthName: "s_len", weightName: "s_w")]);

        using var x = InputConverter.ToTensors(layout, new Dictionary<string, Array>
        {
            ["s"] = new int[,] { { 1, 2, 3 }, { 4, 0, 0 } },
            ["s_len"] = new[] { 3, 1 },
            ["s_w"] = new double[,] { { 0.5, 1 }, { 2, 0 } },
        });

        Assert.Equal([3L, 1L], Longs(x["s_len"]));
        Assert.Equal([2L, 3L], x["s_w"].shape);
        Assert.Equal([0.5f, 1f, 0f, 2f, 0f, 0f], Floats(x["s_w"]));
    }

    [Fact]
    public void MissingFeatureIsNamed()
    {
        var ex = Invalid(i => i.Remove("price"));

        Assert.Equal("price", ex.Feature);
        Assert.Null(ex.Row);
        Assert.Contains("missing feature \"price\"", ex.Message);
    }

    [Fact]
    public void RowCountMismatchNamesBothFeaturesAndCounts()
    {
        var ex = Invalid(i => i["price"] = new[] { 1.0, 2.0, 3.0 });

        Assert.Equal("price", ex.Feature);
        Assert.Contains("feature \"price\" has 3 rows", ex.Message);
        Assert.Contains("\"user\" has 2", ex.Message);
    }

    [Fact]
    public void NegativeIdIsRejectedWithFeatureRowAndValue()
    {
        var ex = Invalid(i => i["user"] = new[] { -1, 2 });

        Assert.Equal("user", ex.Feature);
        Assert.Equal(0L, ex.Row);
        Assert.Equal(-1L, ex.Value);
        Assert.Contains("feature \"user\", row 0: id -1 is outside [0, 10)", ex.Message);
    }

    [Fact]
    public void IdEqualToTheVocabularySizeIsRejectedWithFeatureRowAndValue()
    {
        var ex = Invalid(i => i["user"] = new[] { 2, 10 });

        Assert.Equal("user", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.Equal(10L, ex.Value);
        Assert.Contains("row 1: id 10 is outside [0, 10)", ex.Message);
    }

    [Fact]
    public void LongIdsOutOfRangeAreRejectedWithFeatureRowAndValue()
    {
        var ex = Invalid(i => i["user"] = new long[] { 3, 11 });

        Assert.Equal("user", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.Equal(11L, ex.Value);
        Assert.Contains("row 1: id 11 is outside [0, 10)", ex.Message);
    }

    [Fact]
    public void NaNInAFloatDenseFeatureIsRejectedWithFeatureRowAndValue()
    {
        var ex = Invalid(i => i["price"] = new[] { 1f, float.NaN });

        Assert.Equal("price", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.Contains("feature \"price\", row 1: value NaN is not finite", ex.Message);
    }

    [Fact]
    public void SequenceIdOutOfRangeIsRejectedWithItsRow()
    {
        var ex = Invalid(i => i["hist"] = new long[,] { { 1, 2, 3 }, { 4, 12, 0 } });

        Assert.Equal("hist", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.Equal(12L, ex.Value);
    }

    [Fact]
    public void NaNDenseValueIsRejectedWithFeatureRowAndValue()
    {
        var ex = Invalid(i => i["price"] = new[] { 1.0, double.NaN });

        Assert.Equal("price", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.True(ex.Value is double d && double.IsNaN(d));
        Assert.Contains("feature \"price\", row 1: value NaN is not finite", ex.Message);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void InfiniteDenseValueIsRejectedWithFeatureRowAndValue(double value, string text)
    {
        var ex = Invalid(i => i["price"] = new[] { value, 0.0 });

        Assert.Equal("price", ex.Feature);
        Assert.Equal(0L, ex.Row);
        Assert.Equal(value, ex.Value);
        Assert.Contains($"row 0: value {text} is not finite", ex.Message);
    }

    [Fact]
    public void DoubleTooLargeForFloat32IsRejectedAsNotFinite()
    {
        var ex = Invalid(i => i["price"] = new[] { 0.0, 1e300 });

        Assert.Equal("price", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.Contains("not finite", ex.Message);
    }

    [Fact]
    public void NaNInATwoDimensionalDenseFeatureNamesItsRow()
    {
        var ex = Invalid(i => i["vec"] = new float[,] { { 1, 2 }, { 3, float.NaN } });

        Assert.Equal("vec", ex.Feature);
        Assert.Equal(1L, ex.Row);
    }

    [Fact]
    public void SequenceWiderThanMaxLenWithANonZeroIdBeyondItIsRejected()
    {
        var ex = Invalid(i => i["hist"] = new long[,] { { 1, 2, 3, 7 }, { 4, 0, 0, 0 } });

        Assert.Equal("hist", ex.Feature);
        Assert.Equal(0L, ex.Row);
        Assert.Equal(7L, ex.Value);
        Assert.Contains("feature \"hist\", row 0: id 7 at position 3 lies beyond maxLen 3", ex.Message);
    }

    [Fact]
    public void JaggedRowLongerThanMaxLenIsRejected()
    {
        var ex = Invalid(i => i["hist"] = new int[][] { [1], [1, 2, 3, 4] });

        Assert.Equal("hist", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.Equal(4, ex.Value);
        Assert.Contains("row 1: the sequence holds 4 ids but maxLen is 3", ex.Message);
    }

    [Fact]
    public void NonIntegralIdIsRejectedWithFeatureRowAndValue()
    {
        var ex = Invalid(i => i["user"] = new[] { 1.0, 2.5 });

        Assert.Equal("user", ex.Feature);
        Assert.Equal(1L, ex.Row);
        Assert.Equal(2.5, ex.Value);
        Assert.Contains("feature \"user\", row 1: 2.5", ex.Message);
        Assert.Contains("is not an integer id", ex.Message);
    }

    [Fact]
    public void StringIdForAnUnhashedFeatureIsRejected()
    {
        var ex = Invalid(i => i["user"] = new[] { "1", "2" });

        Assert.Equal("user", ex.Feature);
        Assert.Equal(0L, ex.Row);
        Assert.Equal("1", ex.Value);
    }

    [Fact]
    public void MultiValueDenseFeatureGivenAsOneDimensionalArrayIsRejected()
    {
        var ex = Invalid(i => i["vec"] = new[] { 1f, 2f });

        Assert.Equal("vec", ex.Feature);
        Assert.Contains("needs a 2-D array [rows, 2]", ex.Message);
    }

    [Fact]
    public void DenseFeatureOfTheWrongWidthIsRejected()
    {
        var ex = Invalid(i => i["vec"] = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        Assert.Equal("vec", ex.Feature);
        Assert.Equal(3, ex.Value);
        Assert.Contains("is 3 wide but must be 2", ex.Message);
    }

    [Fact]
    public void SequenceLengthAboveMaxLenIsRejected()
    {
        var layout = new FeatureLayout([new VarLenSparseFeat(new SparseFeat("s", 10), 3, lengthName: "s_len")]);
        var inputs = new Dictionary<string, Array> { ["s"] = new int[,] { { 1, 2, 3 } }, ["s_len"] = new[] { 4 } };

        var ex = Assert.Throws<InputValidationException>(() => InputConverter.ToTensors(layout, inputs));

        Assert.Equal("s_len", ex.Feature);
        Assert.Equal(0L, ex.Row);
        Assert.Equal(4L, ex.Value);
    }
}
