using RecSharp.Catalog;
using RecSharp.Models;

namespace RecSharp.Data.Configuration;

/// <summary>The <c>model</c> section: the architecture and its validated hyper-parameters.</summary>
public sealed record ModelConfig
{
    /// <summary>The architecture: one of <see cref="ModelNames.Models"/>.</summary>
    public required ModelDefinition Type { get; init; }

    /// <summary>The hyper-parameters given in the file; those not given take the model's defaults.</summary>
    public ModelParameters Parameters { get; init; } = ModelParameters.Empty;

    /// <summary>
    /// The model's options record: <see cref="Parameters"/> bound to the record of <see cref="Type"/>, with its
    /// defaults for the rest (the tasks and the device's <c>auto</c> are filled in when the model is built).
    /// </summary>
    public MultiTaskOptions Options => ModelParameterCatalog.Bind(Type.Name, Parameters);

    /// <summary>
    /// This section with another model type: the given hyper-parameters that type accepts are kept (expert, gate and
    /// tower widths, regularisation, seed), the others dropped, as when only <c>model.type</c> of an experiment is
    /// changed.
    /// </summary>
    /// <param name="type">The other model type.</param>
    public ModelConfig WithType(ModelDefinition type)
    {
        if (type == Type) return this;
        var accepted = ModelParameterCatalog.For(type.Name).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var kept = Parameters.Where(p => accepted.Contains(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new ModelConfig { Type = type, Parameters = new ModelParameters(kept) };
    }
}
