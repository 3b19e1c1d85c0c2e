using RecSharp.Features;

namespace RecSharp.Tests.Features;

public class FeatureLayoutTests
{
    // a: sparse (dim 4), d: dense 3, s: sequence maxLen 5 with length column, b: sparse (dim 8), e: dense 1.
    private static FeatureColumn[] MixedColumns() =>
    [
        new SparseFeat("a", 10, 4),
        new DenseFeat("d", 3),
        new VarLenSparseFeat(new SparseFeat("s", 20, 4), 5, "mean", lengthName: "s_len"),
        new SparseFeat("b", 7, 8),
        new DenseFeat("e"),
    ];

    [Fact]
    public void SlotsFollowTheReferenceBuildInputFeaturesOrderAndSpans()
    {
        var layout = new FeatureLayout(MixedColumns());

        var expected = new (string Name, int Start, int End, InputSlotKind Kind)[]
        {
            ("a", 0, 1, InputSlotKind.SparseIds),
            ("d", 1, 4, InputSlotKind.DenseValues),
            ("s", 4, 9, InputSlotKind.SequenceIds),
            ("s_len", 9, 10, InputSlotKind.SequenceLength),
            ("b", 10, 11, InputSlotKind.SparseIds),
            ("e", 11, 12, InputSlotKind.DenseValues),
        };
        Assert.Equal(expected, layout.Slots.Select(s => (s.Name, s.Start, s.End, s.Kind)).ToArray());
        Assert.Equal(12, layout.TotalWidth);
    }

    [Fact]
    public void FeatureNamesListEveryInputIncludingLengthColumnsInOrder()
    {
        var layout = new FeatureLayout(MixedColumns());

        Assert.Equal(["a", "d", "s", "s_len", "b", "e"], layout.FeatureNames);
    }

    [Fact]
    public void DnnInputDimSumsSparseEmbeddingsPooledSequencesAndDenseValues()
    {
        var layout = new FeatureLayout(MixedColumns());

        // sparse 4 + 8, sequence 4, dense 3 + 1
        Assert.Equal(20, layout.DnnInputDim);
    }

    [Fact]
    public void ColumnsAreGroupedByKindInDeclarationOrder()
    {
        var layout = new FeatureLayout(MixedColumns());

        Assert.Equal(["a", "b"], layout.SparseColumns.Select(c => c.Name));
        Assert.Equal(["s"], layout.SequenceColumns.Select(c => c.Name));
        Assert.Equal(["d", "e"], layout.DenseColumns.Select(c => c.Name));
        Assert.Equal(["a", "d", "s", "b", "e"], layout.Columns.Select(c => c.Name));
    }

    [Fact]
    public void WeightColumnFollowsTheLengthColumnAndIsMaxLenWide()
    {
        var layout = new FeatureLayout([
            new VarLenSparseFeat(new SparseFeat("s", 20, 4), 3, "sum", lengthName: "s_len", weightName: "s_w"),
            new SparseFeat("a", 10, 4),
        ]);

        Assert.Equal(["s", "s_len", "s_w", "a"], layout.FeatureNames);
        // s [0,3), s_len [3,4), s_w [4,7), a [7,8)
        Assert.Equal((4, 7, InputSlotKind.SequenceWeights),
            (layout["s_w"].Start, layout["s_w"].End, layout["s_w"].Kind));
        Assert.Equal(3, layout["s_w"].Width);
        Assert.Equal(8, layout.TotalWidth);
    }

    [Fact]
    public void SlotsPointBackToTheirColumn()
    {
        var columns = MixedColumns();
        var layout = new FeatureLayout(columns);

        Assert.Same(columns[2], layout["s"].Column);
        Assert.Same(columns[2], layout["s_len"].Column);
        Assert.True(layout.Contains("s_len"));
        Assert.False(layout.Contains("zzz"));
    }

    [Fact]
    public void UnknownInputNameFailsNamingIt()
    {
        var layout = new FeatureLayout(MixedColumns());

        var ex = Assert.Throws<KeyNotFoundException>(() => layout["nope"]);
        Assert.Contains("\"nope\"", ex.Message);
    }

    [Fact]
    public void DuplicateFeatureNamesAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => new FeatureLayout([new SparseFeat("a", 10), new DenseFeat("a")]));
        Assert.Contains("feature \"a\" is declared more than once", ex.Message);
    }

    [Fact]
    public void LengthColumnCollidingWithAFeatureIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FeatureLayout([
            new DenseFeat("n"),
            new VarLenSparseFeat(new SparseFeat("s", 20), 3, lengthName: "n"),
        ]));
        Assert.Contains("\"n\"", ex.Message);
    }

    [Fact]
    public void FeaturesWithTheSameEmbeddingNameShareOneTable()
    {
        var layout = new FeatureLayout([
            new SparseFeat("item", 100, 8, embeddingName: "item_emb"),
            new SparseFeat("user", 50, 4),
            new VarLenSparseFeat(new SparseFeat("hist", 100, 8, embeddingName: "item_emb"), 10),
        ]);

        Assert.Equal(
            [new EmbeddingTableSpec("item_emb", 100, 8), new EmbeddingTableSpec("user", 50, 4)],
            layout.EmbeddingTables);
        // The shared table still counts once per feature in the network input.
        Assert.Equal(8 + 4 + 8, layout.DnnInputDim);
    }

    [Fact]
    public void SharedTableWithConflictingVocabularyIsRejectedNamingFeatureAndTable()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FeatureLayout([
            new SparseFeat("item", 100, 8, embeddingName: "item_emb"),
            new VarLenSparseFeat(new SparseFeat("hist", 50, 8, embeddingName: "item_emb"), 10),
        ]));
        Assert.Contains("feature \"hist\"", ex.Message);
        Assert.Contains("\"item_emb\"", ex.Message);
        Assert.Contains("50x8", ex.Message);
        Assert.Contains("100x8", ex.Message);
    }

    [Fact]
    public void SharedTableWithConflictingDimensionIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FeatureLayout([
            new SparseFeat("item", 100, 8, embeddingName: "item_emb"),
            new SparseFeat("item2", 100, 4, embeddingName: "item_emb"),
        ]));
        Assert.Contains("feature \"item2\"", ex.Message);
    }

    [Fact]
    public void EmptyColumnListIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FeatureLayout([]));
        Assert.Contains("at least one feature column", ex.Message);
    }
}
