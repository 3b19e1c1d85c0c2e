using RecSharp.Features;

namespace RecSharp.Bench.Micro;

/// <summary>
/// The shape of the census input for the micro-benchmarks, without reading the file: 29 sparse features (embedding
/// dim 4, 64 ids each) and 11 dense ones, so the network input is 127 wide. Values are seeded, so every run sees the
/// same.
/// </summary>
public static class MicroFixture
{
    /// <summary>Sparse features.</summary>
    public const int SparseFeatures = 29;

    /// <summary>Dense features.</summary>
    public const int DenseFeatures = 11;

    /// <summary>Ids per sparse feature (1..63 used, 0 kept for unknown values).</summary>
    public const int Vocabulary = 64;

    /// <summary>Embedding width of each sparse feature.</summary>
    public const int EmbeddingDim = 4;

    /// <summary>Width of the network input: <c>29·4 + 11 = 127</c>.</summary>
    public const int InputWidth = SparseFeatures * EmbeddingDim + DenseFeatures;

    /// <summary>The feature columns.</summary>
    public static FeatureColumn[] Columns() =>
        Enumerable.Range(0, SparseFeatures)
            .Select(i => (FeatureColumn)new SparseFeat($"s{i}", Vocabulary, EmbeddingDim))
            .Concat(Enumerable.Range(0, DenseFeatures).Select(i => new DenseFeat($"d{i}")))
            .ToArray();

    /// <summary>The input layout of <see cref="Columns"/>.</summary>
    public static FeatureLayout Layout() => new(Columns());

    /// <summary><paramref name="rows"/> rows of inputs: <c>int[]</c> ids and <c>float[]</c> values in [0, 1).</summary>
    public static Dictionary<string, Array> Inputs(int rows, int seed = 1024)
    {
        var random = new Random(seed);
        var inputs = new Dictionary<string, Array>(StringComparer.Ordinal);
        for (int i = 0; i < SparseFeatures; i++)
            inputs[$"s{i}"] = Enumerable.Range(0, rows).Select(_ => random.Next(1, Vocabulary)).ToArray();
        for (int i = 0; i < DenseFeatures; i++)
            inputs[$"d{i}"] = Enumerable.Range(0, rows).Select(_ => random.NextSingle()).ToArray();
        return inputs;
    }
}
