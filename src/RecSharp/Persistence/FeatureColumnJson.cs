using System.Text.Json.Nodes;
using RecSharp.Features;

namespace RecSharp.Persistence;

/// <summary>Feature columns as JSON objects (the reference's field names), and back.</summary>
internal static class FeatureColumnJson
{
    public static JsonArray Write(IEnumerable<FeatureColumn> columns) =>
        new(columns.Select(Write).ToArray<JsonNode?>());

    public static IReadOnlyList<FeatureColumn> Read(JsonArray array) =>
        array.Select(node =>
            Read(node as JsonObject ?? throw new FormatException("a feature column must be a JSON object"))).ToArray();

    private static JsonObject Write(FeatureColumn column) => column switch
    {
        SparseFeat s => Sparse("sparse", s),
        DenseFeat d =>
            new JsonObject { ["type"] = "dense", ["name"] = d.Name, ["dimension"] = d.Dimension, ["dtype"] = d.Dtype },
        VarLenSparseFeat v => WithSequence(Sparse("varlen_sparse", v.SparseFeat), v),
        _ => throw new NotSupportedException($"feature \"{column.Name}\" has an unsupported column type"),
    };

    private static JsonObject Sparse(string type, SparseFeat s) => new()
    {
        ["type"] = type, ["name"] = s.Name, ["vocabulary_size"] = s.VocabularySize, ["embedding_dim"] = s.EmbeddingDim,
        ["use_hash"] = s.UseHash, ["dtype"] = s.Dtype, ["embedding_name"] = s.EmbeddingName,
        ["group_name"] = s.GroupName,
    };

    private static JsonObject WithSequence(JsonObject o, VarLenSparseFeat v)
    {
        o["maxlen"] = v.MaxLen;
        o["combiner"] = v.Combiner;
        o["length_name"] = v.LengthName;
        o["weight_name"] = v.WeightName;
        o["weight_norm"] = v.WeightNorm;
        return o;
    }

    private static FeatureColumn Read(JsonObject o)
    {
        string type = Str(o, "type");
        if (type == "dense") return new DenseFeat(Str(o, "name"), Int(o, "dimension"), Str(o, "dtype"));
        var sparse = new SparseFeat(Str(o, "name"), Int(o, "vocabulary_size"), Int(o, "embedding_dim"),
            Bool(o, "use_hash"),
            Str(o, "dtype"), Str(o, "embedding_name"), Str(o, "group_name"));
        return type switch
        {
            "sparse" => sparse,
            "varlen_sparse" => new VarLenSparseFeat(sparse, Int(o, "maxlen"), Str(o, "combiner"),
                o["length_name"]?.GetValue<string>(), o["weight_name"]?.GetValue<string>(), Bool(o, "weight_norm")),
            _ => throw new FormatException($"unknown feature column type \"{type}\""),
        };
    }

    private static string Str(JsonObject o, string key) =>
        o[key]?.GetValue<string>() ?? throw new FormatException($"feature column lacks \"{key}\"");

    private static int Int(JsonObject o, string key) =>
        o[key]?.GetValue<int>() ?? throw new FormatException($"feature column lacks \"{key}\"");

    private static bool Bool(JsonObject o, string key) =>
        o[key]?.GetValue<bool>() ?? throw new FormatException($"feature column lacks \"{key}\"");
}
