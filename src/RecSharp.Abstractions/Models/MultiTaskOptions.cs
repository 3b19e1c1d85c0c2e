using System.ComponentModel.DataAnnotations;
using RecSharp.Catalog;

namespace RecSharp.Models;

/// <summary>
/// The hyper-parameters every multi-task model shares, with the reference's defaults
/// (<c>l2_reg_linear=1e-5, l2_reg_embedding=1e-5, l2_reg_dnn=0, init_std=1e-4, seed=1024, dnn_dropout=0,
/// dnn_activation='relu', dnn_use_bn=False, task_types=('binary','binary'), task_names=('ctr','ctcvr'),
/// device='cpu', gpus=None</c>).
/// <para>
/// These records are the one place a model's settings are written down: their <c>init</c> properties, in camelCase,
/// are the keys of an experiment's <c>model</c> section, their initial values are the defaults, and their
/// <see cref="RangeAttribute"/>, <see cref="MinLengthAttribute"/> and <see cref="RegularExpressionAttribute"/>
/// are the rules the configuration checks (<see cref="ModelParameterCatalog"/>).
/// </para>
/// </summary>
public abstract record MultiTaskOptions
{
    private string _dnnActivation = ModelNames.Activations[0];
    private object? _customActivation;

    /// <summary>L2 strength on the linear part (kept for parity; these models have no linear part).</summary>
    [Range(0.0, double.PositiveInfinity)]
    public double L2RegLinear { get; init; } = 1e-5;

    /// <summary>L2 strength on the embedding tables.</summary>
    [Range(0.0, double.PositiveInfinity)]
    public double L2RegEmbedding { get; init; } = 1e-5;

    /// <summary>L2 strength on DNN and gate/tower weights (not biases, not BatchNorm).</summary>
    [Range(0.0, double.PositiveInfinity)]
    public double L2RegDnn { get; init; }

    /// <summary>Standard deviation of the normal initialisation of embeddings and DNN weights.</summary>
    [Range(0.0, double.PositiveInfinity)]
    public double InitStd { get; init; } = 1e-4;

    /// <summary>Random seed for the initial weights (and, by default, for training's shuffling and dropout).</summary>
    public int Seed { get; init; } = 1024;

    /// <summary>Dropout probability in every DNN, in <c>[0, 1)</c>.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double DnnDropout { get; init; }

    /// <summary>
    /// Activation of every DNN layer, one of <see cref="ModelNames.Activations"/> (any casing; stored in lower case).
    /// An unknown name is an <see cref="ArgumentException"/>.
    /// </summary>
    [ActivationNames]
    public string DnnActivation
    {
        get => _dnnActivation;
        init
        {
            _dnnActivation = ModelNames.Activation(value);
            _customActivation = null;
        }
    }

    /// <summary>BatchNorm before each activation in every DNN.</summary>
    public bool DnnUseBn { get; init; }

    /// <summary>Type of each task: <c>binary</c> or <c>regression</c>.</summary>
    [SetElsewhere("the tasks section")]
    public IReadOnlyList<string> TaskTypes { get; init; } = ["binary", "binary"];

    /// <summary>Name of each task.</summary>
    [SetElsewhere("the tasks section")]
    public IReadOnlyList<string> TaskNames { get; init; } = ["ctr", "ctcvr"];

    /// <summary>The device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (<c>auto</c> in an experiment file).</summary>
    [RegularExpression("^(cpu|auto|cuda(:[0-9]+)?)$", ErrorMessage = "cpu, cuda, cuda:N or auto")]
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Devices for data-parallel training (the batch is split across them); null trains on <see cref="Device"/>.
    /// A bare number <c>N</c> means <c>cuda:N</c>. The first must be <see cref="Device"/>.
    /// </summary>
    [SetElsewhere("the library only")]
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>
    /// The activation object of a custom activation (the library's <c>DnnActivation.Custom</c>), which has no
    /// name an experiment could give; null for the named activations.
    /// </summary>
    internal object? CustomActivation => _customActivation;

    /// <summary>
    /// A copy that uses the custom activation <paramref name="activation"/>, named <paramref name="name"/>.
    /// </summary>
    internal MultiTaskOptions WithCustomActivation(string name, object activation)
    {
        var copy = this with { };
        copy._dnnActivation = name;
        copy._customActivation = activation;
        return copy;
    }
}
