using RecSharp.Features;
using RecSharp.Inputs;
using RecSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Tests.Layers;

public class EmbeddingInputTests
{
    private static void SetTable(EmbeddingInput input, string name, float[,] values)
    {
        using var noGrad = no_grad();
        input.Table(name).weight!.copy_(tensor(values));
    }

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void OutputIsSparseEmbeddingsThenPooledSequencesThenDenseRegardlessOfDeclarationOrder()
    {
        var layout = new FeatureLayout([
            new DenseFeat("d"),
            new VarLenSparseFeat(new SparseFeat("s", 4, 2), 3, "sum"),
            new SparseFeat("a", 3, 2),
        ]);
        var input = new EmbeddingInput(layout, 0.1);
        SetTable(input, "a", new float[,] { { 0, 0 }, { 1, 2 }, { 3, 4 } });
        SetTable(input, "s", new float[,] { { 100, 100 }, { 10, 20 }, { 30, 40 }, { 50, 60 } });
        using var x = InputConverter.ToTensors(layout, new Dictionary<string, Array>
        {
            ["d"] = new[] { 0.5, -1.5 },
            ["s"] = new int[,] { { 1, 2, 0 }, { 3, 0, 0 } },
            ["a"] = new[] { 1, 2 },
        });

        using var output = input.forward(x);

        Assert.Equal(5, input.OutputDim);
        Assert.Equal(new long[] { 2, 5 }, output.shape);
        // id 0 of the sequence is padding: its row (100, 100) is masked out.
        Assert.Equal([1f, 2, 40, 60, 0.5f, 3, 4, 50, 60, -1.5f], Values(output));
    }

    [Fact]
    public void SequencesWithALengthColumnPoolTheFirstLengthPositions()
    {
        var layout = new FeatureLayout(
            [new VarLenSparseFeat(new SparseFeat("s", 4, 2), 3, "mean", lengthName: "s_len")]);
        var input = new EmbeddingInput(layout, 0.1);
        SetTable(input, "s", new float[,] { { 100, 100 }, { 1, 2 }, { 3, 4 }, { 8, 9 } });
        using var x = InputConverter.ToTensors(layout, new Dictionary<string, Array>
        {
            ["s"] = new int[,] { { 1, 2, 3 }, { 1, 2, 0 } },
            ["s_len"] = new[] { 1, 3 },
        });

        using var output = input.forward(x);

        // row 0: only position 0 → (1, 2); row 1: mean of ids 1, 2, 0 → ((1+3+100)/3, (2+4+100)/3): with a length
        // column id 0 is not padding.
        var v = Values(output);
        Assert.Equal(1f, v[0], 5);
        Assert.Equal(2f, v[1], 5);
        Assert.Equal(104f / 3, v[2], 4);
        Assert.Equal(106f / 3, v[3], 4);
    }

    [Fact]
    public void FeaturesWithTheSameEmbeddingNameLookUpTheSameTable()
    {
        var layout = new FeatureLayout([
            new SparseFeat("item", 4, 2, embeddingName: "items"),
            new VarLenSparseFeat(new SparseFeat("hist", 4, 2, embeddingName: "items"), 2, "max"),
        ]);
        var input = new EmbeddingInput(layout, 0.1);
        SetTable(input, "items", new float[,] { { 0, 0 }, { 1, -1 }, { 2, -2 }, { 3, -3 } });
        using var x = InputConverter.ToTensors(layout, new Dictionary<string, Array>
        {
            ["item"] = new[] { 3 },
            ["hist"] = new int[,] { { 1, 2 } },
        });

        using var output = input.forward(x);

        Assert.Equal(["items.weight"], input.state_dict().Keys);
        Assert.Equal([3f, -3, 2, -1], Values(output));
    }

    [Fact]
    public void TablesAreInitialisedNormalWithInitStd()
    {
        random.manual_seed(11);
        var layout = new FeatureLayout([new SparseFeat("big", 20000, 8)]);
        var input = new EmbeddingInput(layout, 0.5);

        var weight = input.Table("big").weight!;
        Assert.Equal(new long[] { 20000, 8 }, weight.shape);
        Assert.InRange(weight.std().item<float>(), 0.5 * 0.95, 0.5 * 1.05);
        Assert.InRange(weight.mean().item<float>(), -0.02, 0.02);
    }

    [Fact]
    public void WeightedSequencesMultiplyEmbeddingsByTheirWeights()
    {
        var layout = new FeatureLayout(
            [new VarLenSparseFeat(new SparseFeat("s", 3, 1), 2, "sum", weightName: "s_w", weightNorm: false)]);
        var input = new EmbeddingInput(layout, 0.1);
        SetTable(input, "s", new float[,] { { 7 }, { 1 }, { 10 } });
        using var x = InputConverter.ToTensors(layout, new Dictionary<string, Array>
        {
            ["s"] = new int[,] { { 1, 2 }, { 2, 0 } },
            ["s_w"] = new float[,] { { 3, 0.5f }, { 2, 9 } },
        });

        using var output = input.forward(x);

        // row 0: 3·1 + 0.5·10 = 8; row 1: 2·10 (id 0 masked) = 20
        Assert.Equal([8f, 20f], Values(output));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void OneJoinedLookupGivesThePerColumnValuesAndGradients(int rows)
    {
        // Three sparse columns of one width, two of them sharing a table, a sequence reading that table too, and a
        // dense column.
        var layout = new FeatureLayout([
            new SparseFeat("user", 5, 3),
            new DenseFeat("price"),
            new SparseFeat("item", 7, 3, embeddingName: "items"),
            new VarLenSparseFeat(new SparseFeat("hist", 7, 3, embeddingName: "items"), 2, "mean"),
            new SparseFeat("seller", 4, 3),
            new SparseFeat("item_again", 7, 3, embeddingName: "items"),
        ]);
        var input = new EmbeddingInput(layout, 0.7);
        var rng = new Random(3);
        using var x = InputConverter.ToTensors(layout, new Dictionary<string, Array>
        {
            ["user"] = Enumerable.Range(0, rows).Select(_ => rng.Next(5)).ToArray(),
            ["price"] = Enumerable.Range(0, rows).Select(_ => rng.NextDouble()).ToArray(),
            ["item"] = Enumerable.Range(0, rows).Select(_ => rng.Next(7)).ToArray(),
            ["hist"] = new int[rows, 2],
            ["seller"] = Enumerable.Range(0, rows).Select(_ => rng.Next(4)).ToArray(),
            ["item_again"] = Enumerable.Range(0, rows).Select(_ => rng.Next(7)).ToArray(),
        });
        random.manual_seed(17);
        var weights = randn(rows, input.OutputDim);

        (float[] Output, Dictionary<string, float[]> Gradients) Run(bool joined)
        {
            input.JoinLookups = joined;
            var names = layout.EmbeddingTables.Select(t => t.Name).ToArray();
            foreach (var name in names) input.Table(name).weight!.grad = null;
            var output = input.forward(x);
            (output * weights).sum().backward();
            return (Values(output), names.ToDictionary(name => name, name => Values(input.Table(name).weight!.grad!)));
        }

        var (joinedOutput, joinedGradients) = Run(joined: true);
        var (perColumnOutput, perColumnGradients) = Run(joined: false);

        Assert.Equal(perColumnOutput, joinedOutput);
        // Rows of a shared table sum their columns' gradients in another order: equal up to rounding.
        foreach (var (name, gradient) in perColumnGradients)
        {
            for (int i = 0; i < gradient.Length; i++)
            {
                Assert.True(
                    Math.Abs(gradient[i] - joinedGradients[name][i]) <= 1e-6 * Math.Max(1, Math.Abs(gradient[i])),
                    $"{name}[{i}]: per column {gradient[i]}, joined {joinedGradients[name][i]}");
            }
        }
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 3)]
    [InlineData(true, 1)]
    public void PackedRowsGiveTheNetworkInputOfTheNamedTensorsBitForBit(bool joined, int rows)
    {
        // Sparse columns of one width (two sharing a table) and dense columns, one of them two wide.
        var layout = new FeatureLayout([
            new DenseFeat("price"),
            new SparseFeat("user", 5, 3),
            new SparseFeat("item", 7, 3, embeddingName: "items"),
            new DenseFeat("vec", 2),
            new SparseFeat("item_again", 7, 3, embeddingName: "items"),
        ]);
        using var input = new EmbeddingInput(layout, 0.7) { JoinLookups = joined };
        var rng = new Random(5);
        var rowsGiven = new Dictionary<string, Array>
        {
            ["price"] = Enumerable.Range(0, rows).Select(_ => rng.NextDouble()).ToArray(),
            ["user"] = Enumerable.Range(0, rows).Select(_ => rng.Next(5)).ToArray(),
            ["item"] = Enumerable.Range(0, rows).Select(_ => rng.Next(7)).ToArray(),
            ["vec"] = new float[rows, 2],
            ["item_again"] = Enumerable.Range(0, rows).Select(_ => rng.Next(7)).ToArray(),
        };
        for (int row = 0; row < rows; row++) rowsGiven["vec"].SetValue(rng.NextSingle() - 0.5f, row, 1);
        using var named = InputConverter.ToTensors(layout, rowsGiven);
        using var packed = InputConverter.ToPacked(layout, rowsGiven);
        using var noGrad = no_grad();

        using var expected = input.forward(named);
        using var actual = input.Forward(packed);

        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(Values(expected), Values(actual));
    }
}
