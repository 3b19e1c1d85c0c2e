using System.Security.Cryptography;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;

namespace RecSharp.Export;

/// <summary>
/// The hash that names a model's weights: <c>sha256:</c> and the 64 lowercase hex digits of the SHA-256 of its model
/// file — the run folder's <c>model.safetensors</c>, or for a model in memory the file
/// <see cref="Persistence.ModelPersistence.Save"/> writes without preprocessing.
/// </summary>
internal static class ModelHash
{
    /// <summary>The hash of a model file.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Format(SHA256.HashData(stream));
    }

    /// <summary>The hash of the file <c>model.Save(path)</c> writes.</summary>
    public static string Of(MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = SafeTensorsFormat.ToBytes(ModelArtifact.WeightEntries(model), ModelArtifact.Metadata(model, null));
        return Format(SHA256.HashData(bytes));
    }

    private static string Format(byte[] digest) => "sha256:" + Convert.ToHexStringLower(digest);
}
