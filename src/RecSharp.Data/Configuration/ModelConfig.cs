using RecSharp.Catalog;
using RecSharp.Models;

namespace RecSharp.Data.Configuration;

/// <summary>The <c>model</c> section: the architecture and its validated hyper-parameters.</summary>
public sealed record ModelConfig
{
    /// <summary>The architecture.</summary>
    public required ModelType Type { get; init; }

    /// <summary>The hyper-parameters given in the file; those not given take the model's defaults.</summary>
    public ModelParameters Parameters { get; init; } = ModelParameters.Empty;

    /// <summary>
    /// The model's options record: <see cref="Parameters"/> bound to the record of <see cref="Type"/>, with its
    /// defaults for the rest (the tasks and the device's <c>auto</c> are filled in when the model is built).
    /// </summary>
    public MultiTaskOptions Options => ModelParameterCatalog.Bind(Type.Name(), Parameters);
}
