using RecSharp.Catalog;
using static TorchSharp.torch;

namespace RecSharp.Training;

/// <summary>
/// The loss of one task, summed over the rows of a batch: a name (<c>binary_crossentropy</c>, <c>mse</c>, <c>mae</c>,
/// <c>huber</c>)
/// or a delegate <c>(predictions, labels) → summed loss</c> over <c>(rows)</c> tensors. Converts implicitly from
/// either, so <c>loss: ["binary_crossentropy", "mse"]</c> works.
/// </summary>
public sealed class TaskLoss
{
    /// <summary>The names understood.</summary>
    public static readonly IReadOnlyList<string> KnownNames = TrainingNames.Losses;

    private readonly Func<Tensor, Tensor, Tensor> _sum;

    private TaskLoss(string name, Func<Tensor, Tensor, Tensor> sum, bool named = false)
    {
        Name = name;
        _sum = sum;
        IsNamed = named;
    }

    /// <summary>
    /// Whether this is one of the named losses: a sum of one term per element, of any shape, so that the same loss
    /// of several tasks is one call over their <c>(rows, tasks)</c> columns.
    /// </summary>
    internal bool IsNamed { get; }

    /// <summary>The loss's name (<c>custom</c> for delegates).</summary>
    public string Name { get; }

    /// <summary>The loss named <paramref name="name"/>; an unknown name is an <see
    /// cref="ArgumentException"/>.</summary>
    public static TaskLoss Named(string name) => name switch
    {
        "binary_crossentropy" or "bce" or "logloss" => new("binary_crossentropy",
            (p, y) => nn.functional.binary_cross_entropy(p, y, reduction: nn.Reduction.Sum), named: true),
        "mse" or "mean_squared_error" =>
            new("mse", (p, y) => nn.functional.mse_loss(p, y, reduction: nn.Reduction.Sum), named: true),
        "mae" or "mean_absolute_error" =>
            new("mae", (p, y) => nn.functional.l1_loss(p, y, reduction: nn.Reduction.Sum), named: true),
        // PyTorch's HuberLoss with its default delta of 1: squared within one unit of the label, linear beyond.
        "huber" => new("huber", (p, y) => nn.functional.huber_loss(p, y, reduction: nn.Reduction.Sum, delta: 1.0),
            named: true),
        _ => throw new ArgumentException(
            $"loss \"{name}\" is not one of {string.Join(", ", KnownNames)} (or pass a delegate)", nameof(name)),
    };

    /// <summary>A custom loss: <paramref name="sum"/> maps <c>(predictions, labels)</c>, both <c>(rows)</c>, to the
    /// summed loss.</summary>
    public static TaskLoss Custom(Func<Tensor, Tensor, Tensor> sum, string name = "custom")
    {
        ArgumentNullException.ThrowIfNull(sum);
        return new TaskLoss(name, sum);
    }

    /// <summary>The loss summed over rows, as a scalar tensor.</summary>
    public Tensor Sum(Tensor predictions, Tensor labels) => _sum(predictions, labels);

    /// <summary>Same as <see cref="Named"/>.</summary>
    public static implicit operator TaskLoss(string name) => Named(name);

    /// <summary>Same as <see cref="Custom"/>.</summary>
    public static implicit operator TaskLoss(Func<Tensor, Tensor, Tensor> sum) => Custom(sum);

    /// <inheritdoc />
    public override string ToString() => Name;
}
