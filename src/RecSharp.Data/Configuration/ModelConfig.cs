namespace RecSharp.Data.Configuration;

/// <summary>The <c>model</c> section: the architecture and its validated hyper-parameters.</summary>
public sealed record ModelConfig
{
    /// <summary>The architecture.</summary>
    public required ModelType Type { get; init; }

    /// <summary>The hyper-parameters given in the file; those not given take the model's defaults.</summary>
    public ModelParameters Parameters { get; init; } = ModelParameters.Empty;
}
