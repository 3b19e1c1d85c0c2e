using System.Text.Json;
using System.Text.Json.Serialization;
using RecSharp.Catalog;
using RecSharp.Models;

namespace RecSharp.Persistence;

/// <summary>Model types and hyper-parameters as JSON: the options records, the type names of the registry.</summary>
internal static class ModelOptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
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

    public static MultiTaskOptions Read(string type, JsonElement json)
    {
        var definition = ModelNames.Models.FirstOrDefault(m => m.Name == type && m.FixedParameters.Count == 0)
            ?? throw new FormatException($"unknown model type \"{type}\"");
        return (MultiTaskOptions)json.Deserialize(definition.OptionsType, Json)!;
    }
}
