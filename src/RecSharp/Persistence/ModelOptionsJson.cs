using System.Text.Json;
using System.Text.Json.Serialization;
using RecSharp.Catalog;
using RecSharp.Models;

namespace RecSharp.Persistence;

/// <summary>
/// Model types and hyper-parameters as JSON: the options records, the type names of the registry. Written in
/// snake_case (<c>expert_dnn_hidden_units</c>, the reference's names), as all JSON RecSharp writes; model files of
/// description version 1 hold them in camelCase, which is still read.
/// </summary>
internal static class ModelOptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions CamelCaseJson = new(Json)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The type name stored in the artifact.</summary>
    public static string TypeName(MultiTaskModel model) => ModelRegistry.TypeName(model);

    public static JsonElement Write(MultiTaskOptions options)
    {
        if (options.CustomActivation is not null)
        {
            throw new NotSupportedException(
                $"a model with the custom activation \"{options.DnnActivation}\" cannot be saved with its "
                + "hyper-parameters");
        }
        return JsonSerializer.SerializeToElement(options, options.GetType(), Json);
    }

    /// <summary>The options record of model type <paramref name="type"/> that <paramref name="json"/> holds.</summary>
    /// <param name="type">The saved type name.</param>
    /// <param name="json">The options object.</param>
    /// <param name="camelCase">Whether its keys are camelCase (description version 1) rather than snake_case.</param>
    public static MultiTaskOptions Read(string type, JsonElement json, bool camelCase = false)
    {
        var definition = ModelNames.Models.FirstOrDefault(m => m.Name == type && m.FixedParameters.Count == 0)
            ?? throw new FormatException($"unknown model type \"{type}\"");
        return (MultiTaskOptions)json.Deserialize(definition.OptionsType, camelCase ? CamelCaseJson : Json)!;
    }
}
