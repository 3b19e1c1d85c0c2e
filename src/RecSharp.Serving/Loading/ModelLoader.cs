using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Errors;
using RecSharp.Export;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Serving.Inference;

namespace RecSharp.Serving.Loading;

/// <summary>
/// Loads what a <see cref="Predictor"/> serves: a run folder written by <c>recsharp train</c> (its
/// <c>model.safetensors</c>, with the fitted preprocessing inside, and its <c>experiment.yaml</c>, which says how the
/// training file's text was read), or an ONNX file written by <c>recsharp export</c> with its
/// <c>preprocessing.json</c> (and, when copied there, the run's <c>experiment.yaml</c>) beside it. Without the
/// experiment, text is read as the CSV reader's defaults read it: trimmed, and only the empty string is missing.
/// Every failure names the file.
/// </summary>
internal static class ModelLoader
{
    /// <summary>The model file of a run folder.</summary>
    public const string ModelFileName = "model.safetensors";

    /// <summary>The experiment file of a run folder.</summary>
    public const string ExperimentFileName = "experiment.yaml";

    /// <summary>The fitted preprocessing written beside an ONNX file.</summary>
    public const string PreprocessingFileName = "preprocessing.json";

    /// <summary>Loads the run folder or ONNX file at <paramref name="path"/>.</summary>
    public static LoadedModel Load(string path, PredictorOptions options)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return FromRunFolder(full, options);
        if (File.Exists(full)) return FromOnnxFile(full, options);
        throw new FileNotFoundException(
            $"{full} does not exist: give a run folder written by recsharp train or an ONNX file written by "
            + "recsharp export", full);
    }

    /// <summary>The files whose change means the model at <paramref name="path"/> changed.</summary>
    public static IReadOnlyList<string> FilesOf(string path)
    {
        string full = Path.GetFullPath(path);
        return Directory.Exists(full)
            ? [Path.Combine(full, ModelFileName), Path.Combine(full, ExperimentFileName)]
            : [full, Path.Combine(Path.GetDirectoryName(full)!, PreprocessingFileName),
               Path.Combine(Path.GetDirectoryName(full)!, ExperimentFileName)];
    }

    private static LoadedModel FromRunFolder(string folder, PredictorOptions options)
    {
        string modelPath = Path.Combine(folder, ModelFileName);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"{folder} holds no {ModelFileName}: is it a folder written by recsharp train?", modelPath);
        }
        var reading = ReadingOf(Path.Combine(folder, ExperimentFileName));
        string hash = ModelHash.OfFile(modelPath);
        var (model, preprocessing) = Artifact(modelPath);
        try
        {
            var pipeline = preprocessing is null ? null : Pipeline(preprocessing, modelPath);
            RequireSameInputs(pipeline, model.Layout, modelPath);
            var tasks = model.Tasks.Select(t => new TaskInfo(t.Name, t.Type.Name())).ToArray();
            var info = new ModelInfo(ModelOptionsJson.TypeName(model), tasks, Features(model.Layout, pipeline), hash,
                File.GetLastWriteTimeUtc(modelPath), options.Backend ?? PredictorBackend.Torch, folder);
            if (info.Backend == PredictorBackend.Torch)
                return new LoadedModel(new TorchBackend(model), pipeline, reading, info);
            // On ONNX Runtime the graph is exported in memory; the libtorch model is not kept.
            var session = Session(OnnxExporter.Build(model, hash).ToByteArray(), options, modelPath);
            model.Dispose();
            return new LoadedModel(new OnnxBackend(session, model.Layout, model.Tasks.Count), pipeline, reading, info);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static LoadedModel FromOnnxFile(string path, PredictorOptions options)
    {
        if (options.Backend == PredictorBackend.Torch)
        {
            throw new ModelArtifactException($"{path} is an ONNX file, which runs on the onnx backend only; "
                + "give the run folder to run the model on libtorch");
        }
        var session = Session(File.ReadAllBytes(path), options, path);
        try
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            string Metadata(string key) => metadata.TryGetValue(key, out var value)
                ? value
                : throw new ModelArtifactException($"{path} has no {key} metadata: it was not exported by RecSharp");
            var description = JsonNode.Parse(Metadata(OnnxMetadataKeys.ModelDescription))!.AsObject();
            var layout = new FeatureLayout(FeatureColumnJson.Read(description["feature_columns"]!.AsArray()));
            string[] names = JsonSerializer.Deserialize<string[]>(Metadata(OnnxMetadataKeys.TaskNames))!;
            string[] types = JsonSerializer.Deserialize<string[]>(Metadata(OnnxMetadataKeys.TaskTypes))!;
            string beside = Path.Combine(Path.GetDirectoryName(path)!, PreprocessingFileName);
            var pipeline = File.Exists(beside) ? Pipeline(File.ReadAllText(beside), beside) : null;
            RequireSameInputs(pipeline, layout, path);
            var info = new ModelInfo(description["model_type"]!.GetValue<string>(),
                names.Zip(types, (n, t) => new TaskInfo(n, t)).ToArray(), Features(layout, pipeline),
                Metadata(OnnxMetadataKeys.ModelHash), File.GetLastWriteTimeUtc(path), PredictorBackend.Onnx, path);
            var reading = ReadingOf(Path.Combine(Path.GetDirectoryName(path)!, ExperimentFileName));
            return new LoadedModel(new OnnxBackend(session, layout, names.Length), pipeline, reading, info);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException
                                       or NullReferenceException or ArgumentException)
        {
            session.Dispose();
            throw new ModelArtifactException(
                $"{path} holds malformed RecSharp metadata: {ErrorLine.Message(e)}", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    // How the training file's text was read; without the experiment, as the reader reads by default.
    private static CsvReadOptions ReadingOf(string experimentPath) =>
        File.Exists(experimentPath)
            ? CsvReadOptions.FromConfig(ExperimentConfigLoader.Load(experimentPath).Data)
            : new CsvReadOptions();

    private static (MultiTaskModel Model, string? Preprocessing) Artifact(string modelPath)
    {
        try
        {
            return ModelArtifact.Load(modelPath);
        }
        catch (Exception e) when (e is SafeTensorsFormatException or StateDictMismatchException or IOException
                                       or JsonException or InvalidDataException
                                  && !e.Message.Contains(modelPath, StringComparison.Ordinal))
        {
            throw new ModelArtifactException($"{modelPath}: {e.Message}", e);
        }
    }

    private static InferenceSession Session(byte[] model, PredictorOptions options, string source)
    {
        using var sessionOptions = OnnxBackend.Options(options.Threads);
        try
        {
            return new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            string reason = e.Message.ReplaceLineEndings(" ");
            throw new ModelArtifactException($"{source}: ONNX Runtime cannot run the model: {reason}", e);
        }
    }

    private static FittedPipeline Pipeline(string json, string source)
    {
        try
        {
            return FittedPipeline.FromJson(json);
        }
        catch (JsonException e)
        {
            throw new ModelArtifactException($"{source} holds malformed fitted preprocessing: {e.Message}", e);
        }
    }

    // Raw rows can be scored only when the preprocessing makes exactly the model's inputs.
    private static void RequireSameInputs(FittedPipeline? pipeline, FeatureLayout layout, string source)
    {
        if (pipeline is null) return;
        var made = pipeline.Features.Select(f => f.Name).ToArray();
        if (made.ToHashSet(StringComparer.Ordinal).SetEquals(layout.FeatureNames)) return;
        throw new ModelArtifactException($"{source}: the fitted preprocessing makes the inputs "
            + $"{string.Join(", ", made)} but the model takes {string.Join(", ", layout.FeatureNames)}");
    }

    private static FeatureInfo[] Features(FeatureLayout layout, FittedPipeline? pipeline)
    {
        var fitted = pipeline?.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        return layout.Slots.Select(slot => fitted?.GetValueOrDefault(slot.Name) is { } feature
            ? new FeatureInfo(slot.Name, KindOf(feature), slot.Width, feature.Column)
            : new FeatureInfo(slot.Name, KindOf(slot), slot.Width, null)).ToArray();
    }

    private static string KindOf(FittedFeature feature) => feature switch
    {
        FittedHashedFeature => "hashed",
        FittedDenseFeature => "dense",
        FittedSequenceFeature => "sequence",
        _ => "sparse",
    };

    private static string KindOf(InputSlot slot) => slot.Kind switch
    {
        InputSlotKind.SparseIds => ((SparseFeat)slot.Column).UseHash ? "hashed" : "sparse",
        InputSlotKind.DenseValues => "dense",
        InputSlotKind.SequenceIds => "sequence",
        InputSlotKind.SequenceLength => "sequence_length",
        _ => "sequence_weights",
    };
}
