using RecSharp.Layers.Activations;

namespace RecSharp.Layers;

/// <summary>The settings every DNN of a model shares (the reference's <c>dnn_*</c>, <c>l2_reg_dnn</c> and
/// <c>init_std</c>).</summary>
internal sealed record DnnOptions
{
    /// <summary>The activation after each layer (default <c>relu</c>).</summary>
    public DnnActivation Activation { get; init; } = "relu";

    /// <summary>Dropout probability after each activation, in <c>[0, 1)</c> (default 0).</summary>
    public double DropoutRate { get; init; }

    /// <summary>BatchNorm between each linear layer and its activation (default false).</summary>
    public bool UseBn { get; init; }

    /// <summary>Whether DNNs built with these settings compute the same function in training and in eval mode: a plain
    /// activation (without parameters or state), no BatchNorm and no dropout.</summary>
    public bool IgnoresMode => Activation.InPlace is not null && !UseBn && DropoutRate == 0;

    /// <summary>Standard deviation of the normal initialisation of linear weights (default 1e-4).</summary>
    public double InitStd { get; init; } = 1e-4;

    /// <summary>Validates the values; errors name the parameter.</summary>
    public DnnOptions Validated()
    {
        if (!(DropoutRate >= 0 && DropoutRate < 1))
            throw new ArgumentException($"dnnDropout must be in [0, 1), got {DropoutRate}", "dnnDropout");
        if (!(InitStd >= 0) || !double.IsFinite(InitStd))
            throw new ArgumentException($"initStd must be a non-negative number, got {InitStd}", "initStd");
        ArgumentNullException.ThrowIfNull(Activation);
        return this;
    }
}
