using System.Text.Json;
using System.Text.Json.Serialization;
using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Layers.Activations;
using RecSharp.Models;

namespace RecSharp.Persistence;

/// <summary>Model types and hyper-parameters as JSON (the options records, with activations by name).</summary>
internal static class ModelOptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new ActivationConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The type name stored in the artifact.</summary>
    public static string TypeName(MultiTaskModel model) => model switch
    {
        Ple => "ple",
        Mmoe => "mmoe",
        SharedBottom => "sharedbottom",
        Esmm => "esmm",
        _ => throw new NotSupportedException($"model type {model.GetType().Name} cannot be saved"),
    };

    public static JsonElement Write(MultiTaskOptions options)
    {
        if (options.DnnActivation.Name.StartsWith("custom:", StringComparison.Ordinal))
            throw new NotSupportedException($"a model with the custom activation \"{options.DnnActivation.Name}\" cannot be saved with its hyper-parameters");
        return JsonSerializer.SerializeToElement(options, options.GetType(), Json);
    }

    public static MultiTaskOptions Read(string type, JsonElement json) => type switch
    {
        "ple" => json.Deserialize<PleOptions>(Json)!,
        "mmoe" => json.Deserialize<MmoeOptions>(Json)!,
        "sharedbottom" => json.Deserialize<SharedBottomOptions>(Json)!,
        "esmm" => json.Deserialize<EsmmOptions>(Json)!,
        _ => throw new FormatException($"unknown model type \"{type}\""),
    };

    public static MultiTaskModel Create(string type, IReadOnlyList<Features.FeatureColumn> columns, MultiTaskOptions options) => options switch
    {
        PleOptions p when type == "ple" => new Ple(columns, p),
        MmoeOptions m => new Mmoe(columns, m),
        SharedBottomOptions s => new SharedBottom(columns, s),
        EsmmOptions e => new Esmm(columns, e),
        _ => throw new FormatException($"options do not fit model type \"{type}\""),
    };

    /// <summary>The tensors the model <see cref="Create"/> builds would have, without building it.</summary>
    public static StateShapes Shapes(string type, IReadOnlyList<FeatureColumn> columns, MultiTaskOptions options)
    {
        var layout = new FeatureLayout(columns);
        return options switch
        {
            PleOptions p when type == "ple" => Ple.Shapes(layout, p),
            MmoeOptions m => Mmoe.Shapes(layout, m),
            SharedBottomOptions s => SharedBottom.Shapes(layout, s),
            EsmmOptions e => Esmm.Shapes(layout, e),
            _ => throw new FormatException($"options do not fit model type \"{type}\""),
        };
    }

    private sealed class ActivationConverter : JsonConverter<DnnActivation>
    {
        public override DnnActivation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DnnActivation.Named(reader.GetString() ?? "relu");

        public override void Write(Utf8JsonWriter writer, DnnActivation value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
    }
}
