using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecSharp.Errors;
using RecSharp.Features;
using RecSharp.Layers;
using RecSharp.Models;
using RecSharp.Persistence.SafeTensors;
using static TorchSharp.torch;

namespace RecSharp.Persistence;

/// <summary>
/// The model artifact: one safetensors file holding every tensor of the state dict under the reference's keys (so
/// Python's <c>safetensors.torch.load_file</c> + <c>load_state_dict</c> takes it as is), and in its metadata a JSON
/// description: model type, hyper-parameters, feature columns, tasks, optional fitted preprocessing, and the format
/// and library versions. Writes are atomic; reads are strict (see <see cref="SafeTensorsFormat"/>) and validate
/// everything before the model is built, so nothing is half-loaded.
/// </summary>
internal static class ModelArtifact
{
    /// <summary>The metadata key of the JSON description.</summary>
    public const string DescriptionKey = "recsharp.model";

    /// <summary>The metadata key of the optional preprocessing JSON.</summary>
    public const string PreprocessingKey = "recsharp.preprocessing";

    /// <summary>
    /// The version of the description this library writes and the newest it reads: 2 holds the options in
    /// snake_case; 1, still read, held them in camelCase.
    /// </summary>
    public const int DescriptionVersion = 2;

    /// <summary>Saves <paramref name="model"/> (and optional preprocessing JSON) to <paramref name="path"/>
    /// atomically.</summary>
    public static void Save(MultiTaskModel model, string path, string? preprocessingJson = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entries = model.Access.Shared(() => WeightEntries(model));
        SafeTensorsFormat.Write(path, entries, Metadata(model, preprocessingJson));
    }

    /// <summary>The file metadata describing <paramref name="model"/>: the description, preprocessing and format
    /// version.</summary>
    internal static IReadOnlyDictionary<string, string> Metadata(MultiTaskModel model, string? preprocessingJson)
    {
        var description = new JsonObject
        {
            ["description_version"] = DescriptionVersion,
            ["library_version"] = LibraryVersion,
            ["model_type"] = ModelOptionsJson.TypeName(model),
            ["options"] = JsonNode.Parse(ModelOptionsJson.Write(model.Options).GetRawText()),
            ["feature_columns"] = FeatureColumnJson.Write(model.FeatureColumns),
            ["tasks"] = new JsonArray(model.Tasks.Select(
                t => (JsonNode?)new JsonObject { ["name"] = t.Name, ["type"] = t.Type.Name() }).ToArray()),
        };
        var metadata = new Dictionary<string, string> { [DescriptionKey] = description.ToJsonString() };
        if (preprocessingJson is not null) metadata[PreprocessingKey] = preprocessingJson;
        return SafeTensorsFormat.WithFormatVersion(metadata);
    }

    /// <summary>Every tensor of the model's state dict, under the reference's keys.</summary>
    internal static SafeTensorEntry[] WeightEntries(MultiTaskModel model) =>
        model.state_dict().Select(kv => TensorEntries.FromTensor(kv.Key, kv.Value)).ToArray();

    /// <summary>Loads a model saved by <see cref="Save"/>, rebuilt with no other input; also returns the stored
    /// preprocessing JSON.</summary>
    public static (MultiTaskModel Model, string? PreprocessingJson) Load(string path, string? device = null)
    {
        var document = SafeTensorsFormat.Read(path);
        if (!document.Metadata.TryGetValue(DescriptionKey, out var text))
        {
            throw new ModelArtifactException($"{path} is a safetensors file without a RecSharp model description; " +
                "load it into a model with LoadStateDict instead");
        }
        string type;
        MultiTaskOptions options;
        IReadOnlyList<Features.FeatureColumn> columns;
        StateShapes expected;
        try
        {
            var description = JsonNode.Parse(text)!.AsObject();
            int version = description["description_version"]!.GetValue<int>();
            if (version > DescriptionVersion)
            {
                throw new ModelArtifactException($"{path} was written by a newer RecSharp (model description version " +
                    $"{version}); this library reads up to {DescriptionVersion}");
            }
            type = description["model_type"]!.GetValue<string>();
            var saved = JsonSerializer.Deserialize<JsonElement>(description["options"]!.ToJsonString());
            options = ModelOptionsJson.Read(type, saved, camelCase: version < 2);
            if (device is not null) options = options with { Device = device, Gpus = null };
            columns = FeatureColumnJson.Read(description["feature_columns"]!.AsArray());
            expected = ModelRegistry.Shapes(columns, options);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException
            or NullReferenceException or ArgumentException)
        {
            throw new ModelArtifactException(
                $"{path} holds a malformed model description: {ErrorLine.Message(e)}", e);
        }
        CheckShapes(path, document, expected);
        var model = ModelRegistry.Create(columns, options);
        try
        {
            var tensors = WeightsOf(document);
            try
            {
                model.LoadStateDict(tensors);
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
        }
        catch
        {
            model.Dispose();
            throw;
        }
        document.Metadata.TryGetValue(PreprocessingKey, out var preprocessing);
        return (model, preprocessing);
    }

    /// <summary>
    /// Refuses a file whose tensors do not have the shapes its description calls for (vocabulary sizes, dimensions,
    /// hidden units, experts), before the model is built: building allocates what the description claims, which a
    /// damaged or doctored description may put far beyond the file's size.
    /// </summary>
    private static void CheckShapes(string path, SafeTensorsDocument document, StateShapes expected)
    {
        foreach (var (key, shape) in expected.ByKey)
        {
            string wanted = SafeTensorShape.Format(shape);
            if (!document.TryGetEntry(key, out var entry))
            {
                throw new ModelArtifactException($"{path}: the model description calls for tensor \"{key}\" " +
                                                 $"of shape {wanted}, which the file does not hold");
            }
            if (!entry.Shape.SequenceEqual(shape))
            {
                throw new ModelArtifactException(
                    $"{path}: tensor \"{key}\" has shape {entry.FormatShape()}, but the model description " +
                    $"(vocabulary sizes, dimensions, hidden units) calls for {wanted}");
            }
        }
    }

    /// <summary>
    /// Reads a safetensors file of state-dict tensors with the reference's keys (as Python's
    /// <c>safetensors.torch.save_file</c> writes them) into <paramref name="model"/>, with the checks of <see
    /// cref="ModelPersistence"/>.
    /// </summary>
    public static StateDictLoadResult LoadSafeTensorsStateDict(MultiTaskModel model, string path)
    {
        var document = SafeTensorsFormat.Read(path);
        var tensors = document.Entries.ToDictionary(e => e.Name, TensorEntries.ToTensor, StringComparer.Ordinal);
        try
        {
            return model.LoadStateDict(tensors);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// The prefix of the entries a training checkpoint adds beside the model's weights (optimizer state, row order,
    /// generator state), which loading the model skips.
    /// </summary>
    internal const string TrainingStatePrefix = "__training__.";

    /// <summary>The model's tensors of a document: every entry except a training checkpoint's own state.</summary>
    internal static Dictionary<string, Tensor> WeightsOf(SafeTensorsDocument document) =>
        document.Entries.Where(e => !e.Name.StartsWith(TrainingStatePrefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Name, TensorEntries.ToTensor, StringComparer.Ordinal);

    private static string LibraryVersion =>
        typeof(ModelArtifact).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "unknown";
}
