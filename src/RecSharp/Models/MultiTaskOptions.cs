using RecSharp.Layers;
using RecSharp.Layers.Activations;

namespace RecSharp.Models;

/// <summary>
/// The hyper-parameters every multi-task model shares, with the reference's defaults
/// (<c>l2_reg_linear=1e-5, l2_reg_embedding=1e-5, l2_reg_dnn=0, init_std=1e-4, seed=1024, dnn_dropout=0,
/// dnn_activation='relu', dnn_use_bn=False, task_types=('binary','binary'), task_names=('ctr','ctcvr'),
/// device='cpu', gpus=None</c>).
/// </summary>
public abstract record MultiTaskOptions
{
    /// <summary>L2 strength on the linear part (kept for parity; these models have no linear part).</summary>
    public double L2RegLinear { get; init; } = 1e-5;

    /// <summary>L2 strength on the embedding tables.</summary>
    public double L2RegEmbedding { get; init; } = 1e-5;

    /// <summary>L2 strength on DNN and gate/tower weights (not biases, not BatchNorm).</summary>
    public double L2RegDnn { get; init; }

    /// <summary>Standard deviation of the normal initialisation of embeddings and DNN weights.</summary>
    public double InitStd { get; init; } = 1e-4;

    /// <summary>Random seed for the initial weights (and, by default, for training's shuffling and dropout).</summary>
    public int Seed { get; init; } = 1024;

    /// <summary>Dropout probability in every DNN, in <c>[0, 1)</c>.</summary>
    public double DnnDropout { get; init; }

    /// <summary>Activation of every DNN layer.</summary>
    public DnnActivation DnnActivation { get; init; } = "relu";

    /// <summary>BatchNorm before each activation in every DNN.</summary>
    public bool DnnUseBn { get; init; }

    /// <summary>Type of each task: <c>binary</c> or <c>regression</c>.</summary>
    public IReadOnlyList<string> TaskTypes { get; init; } = ["binary", "binary"];

    /// <summary>Name of each task.</summary>
    public IReadOnlyList<string> TaskNames { get; init; } = ["ctr", "ctcvr"];

    /// <summary>The device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Devices for data-parallel training (the batch is split across them); null trains on <see cref="Device"/>.
    /// A bare number <c>N</c> means <c>cuda:N</c>. The first must be <see cref="Device"/>.
    /// </summary>
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>The shared DNN settings.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal DnnOptions Dnn => new DnnOptions
    {
        Activation = DnnActivation,
        DropoutRate = DnnDropout,
        UseBn = DnnUseBn,
        InitStd = InitStd,
    }.Validated();
}
