using RecSharp.Catalog;
using RecSharp.Export;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Shared;

namespace RecSharp.Tests.Export;

/// <summary>
/// Every kind of feature reaches the exported graph as <c>Predict</c> reads it: sparse ids, hashed ids, embeddings
/// shared between columns, dense values of width 1 and more, and sequences pooled by sum, mean or max, with or
/// without weights (normalised or raw), masked by padding or by a length input.
/// </summary>
public sealed class OnnxFeatureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-onnx-").FullName;

    /// <summary>
    /// Columns of every kind: plain, hashed and shared embeddings, dense of width 1 and 3, two sequences.
    /// </summary>
    public static FeatureColumn[] AllKinds() =>
    [
        new SparseFeat("user", 20, 4),
        new SparseFeat("item", 30, 4),
        new SparseFeat("site", 50, 4, useHash: true, dtype: "string"),
        new VarLenSparseFeat(new SparseFeat("clicks", 30, 4, embeddingName: "item"), maxLen: 5, combiner: "mean"),
        new VarLenSparseFeat(new SparseFeat("tags", 40, 4, useHash: true, dtype: "string"), maxLen: 4, combiner: "sum",
            lengthName: "tags_len", weightName: "tags_weight"),
        new DenseFeat("price"),
        new DenseFeat("context", 3),
    ];

    public static TheoryData<string> ModelTypes() => [.. ModelNames.Models.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void EveryModelTypeOverEveryFeatureKindMatchesPredict(string type)
    {
        using var model = OnnxModels.Create(type, AllKinds());
        OnnxParity.Randomize(model);

        OnnxParity.AssertMatchesPredict(model, RandomRows.For(model.Layout, 1024), _folder);
    }

    public static TheoryData<string, string, bool> Sequences()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var combiner in VarLenSparseFeat.SupportedCombiners)
        {
            foreach (var weights in new[] { "none", "normalized", "raw" })
            {
                foreach (var byLength in new[] { false, true })
                    data.Add(combiner, weights, byLength);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void SequencePoolingMatchesPredict(string combiner, string weights, bool byLength)
    {
        FeatureColumn[] columns =
        [
            new SparseFeat("user", 20, 4),
            new VarLenSparseFeat(new SparseFeat("history", 25, 6), maxLen: 6, combiner: combiner,
                lengthName: byLength ? "history_len" : null, weightName: weights == "none" ? null : "history_weight",
                weightNorm: weights == "normalized"),
        ];
        using var model = OnnxModels.Create("sharedbottom", columns);
        OnnxParity.Randomize(model);

        OnnxParity.AssertMatchesPredict(model, RandomRows.For(model.Layout, 1024), _folder);
    }

    [Fact]
    public void HashedIdsArriveAsTheirBuckets()
    {
        FeatureColumn[] columns =
        [
            new SparseFeat("site", 50, 4, useHash: true, dtype: "string"),
            new VarLenSparseFeat(new SparseFeat("tags", 40, 4, useHash: true, dtype: "string"), maxLen: 3,
                combiner: "mean"),
            new DenseFeat("price"),
        ];
        using var model = OnnxModels.Create("mmoe", columns);
        OnnxParity.Randomize(model);
        var rows = RandomRows.For(model.Layout, 64);
        string path = Path.Combine(_folder, "hashed.onnx");
        model.ExportOnnx(path);
        using var session = new OnnxSession(path);

        // The documented contract: a hashed id is FeatureHasher's bucket; a hashed sequence keeps 0 for padding and
        // puts values in buckets 1.. of the rest.
        var sites = (string[])rows["site"];
        var tags = (string?[,])rows["tags"];
        var flat = new Dictionary<string, Array>
        {
            ["site"] = sites.Select(s => FeatureHasher.Bucket(s, 50)).ToArray(),
            ["tags"] = Enumerable.Range(0, tags.Length)
                .Select(i => tags[i / 3, i % 3] is { } tag ? 1 + FeatureHasher.Bucket(tag, 39) : 0L).ToArray(),
            ["price"] = ((double[])rows["price"]).Select(p => (float)p).ToArray(),
        };

        var actual = session.Predict(model.Layout, flat, 64, batchSize: 64);
        Support.SyntheticInputs.AssertClose(model.Predict(rows), actual, OnnxParity.Tolerance);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
