using RecSharp.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers.Activations;

/// <summary>
/// Dice, the data-adaptive activation of Deep Interest Network (Zhou et al., KDD 2018):
/// <c>p = sigmoid(BatchNorm(x))</c>, <c>out = alpha · (1 − p) · x + p · x</c>, with a learned <c>alpha</c> per unit.
/// Keys follow the reference: <c>bn.*</c> and <c>alpha</c>.
/// </summary>
internal sealed class Dice : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm1d bn;
    private readonly Parameter alpha;

    /// <summary>Creates Dice over <paramref name="units"/> features.</summary>
    public Dice(long units, double epsilon = 1e-8) : base(nameof(Dice))
    {
        bn = nn.BatchNorm1d(units, eps: epsilon);
        alpha = new Parameter(zeros(units));
        RegisterComponents();
    }

    /// <summary>The tensors of Dice over <paramref name="units"/> features (see <see cref="StateShapes"/>).</summary>
    internal static StateShapes Shapes(long units) =>
        new StateShapes().Add("bn", StateShapes.BatchNorm(units)).Add("alpha", units);

    /// <summary>Applies Dice to <c>(batch, units)</c> input.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var p = bn.forward(x).sigmoid();                         // (batch, units)
        var q = p.neg().add_(HeldScalars.One, HeldScalars.One);                 // 1 - p
        return (alpha * q * x).add(p * x, HeldScalars.One).MoveToOuterDisposeScope();
    }
}
