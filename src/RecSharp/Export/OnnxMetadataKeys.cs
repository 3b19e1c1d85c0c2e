using RecSharp.Persistence;

namespace RecSharp.Export;

/// <summary>The keys of the <c>metadata_props</c> that RecSharp writes into an exported ONNX model.</summary>
internal static class OnnxMetadataKeys
{
    /// <summary>
    /// The model's JSON description, under the key it has in the safetensors artifact: type, hyper-parameters,
    /// feature columns, tasks.
    /// </summary>
    public const string ModelDescription = ModelArtifact.DescriptionKey;

    /// <summary>The task names as a JSON array, in the order of the columns of <c>predictions</c>.</summary>
    public const string TaskNames = "recsharp.task_names";

    /// <summary>The task types (<c>binary</c> or <c>regression</c>) as a JSON array, in the same order.</summary>
    public const string TaskTypes = "recsharp.task_types";

    /// <summary>The names of the graph's inputs as a JSON array, in the model's feature order.</summary>
    public const string FeatureOrder = "recsharp.feature_order";

    /// <summary>The version of the RecSharp library that wrote the file.</summary>
    public const string Version = "recsharp.version";

    /// <summary>The model's hash, <c>sha256:</c> and 64 hex digits (see <see cref="ModelHash"/>).</summary>
    public const string ModelHash = "recsharp.model_hash";
}
