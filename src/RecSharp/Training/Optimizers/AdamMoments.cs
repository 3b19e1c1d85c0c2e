using TorchSharp;
using static TorchSharp.torch;

namespace RecSharp.Training.Optimizers;

/// <summary>
/// The update Adam and AdamW share, with torch's defaults (β₁ 0.9, β₂ 0.999, ε 1e-8), per element:
/// <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
/// <c>θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)</c>. Its constant scalars live as long as the optimizer;
/// those that change with the step or the learning rate are held by the step's <see cref="StepScalars"/>.
/// </summary>
internal sealed class AdamMoments : IDisposable
{
    /// <summary>β₁, the decay of the first moment.</summary>
    public const double Beta1 = 0.9;

    /// <summary>β₂, the decay of the second moment.</summary>
    public const double Beta2 = 0.999;

    /// <summary>ε, added to the denominator.</summary>
    public const double Epsilon = 1e-8;

    private readonly StepScalars _constants = new();
    private readonly Scalar _beta1;
    private readonly Scalar _beta2;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Scalar _one;

    public AdamMoments()
    {
        _beta1 = _constants.Of(Beta1);
        _beta2 = _constants.Of(Beta2);
        _oneMinusBeta1 = _constants.Of(1 - Beta1);
        _oneMinusBeta2 = _constants.Of(1 - Beta2);
        _epsilon = _constants.Of(Epsilon);
        _one = _constants.Of(1);
    }

    /// <summary>
    /// One update of <paramref name="theta"/> (a parameter or a flat buffer) with gradient <paramref name="g"/> and
    /// moments <paramref name="m"/>, <paramref name="v"/> at step <paramref name="t"/> (already counted).
    /// </summary>
    public void Update(Tensor theta, Tensor g, Tensor m, Tensor v, long t, double learningRate, StepScalars scalars)
    {
        m.mul_(_beta1).add_(g, _oneMinusBeta1);
        v.mul_(_beta2).addcmul_(g, g, _oneMinusBeta2);
        var biasCorrection2Root = scalars.Of(Math.Sqrt(1 - Math.Pow(Beta2, t)));
        using var denominator = v.sqrt().div_(biasCorrection2Root).add_(_epsilon, _one);
        var stepSize = scalars.Of(-learningRate / (1 - Math.Pow(Beta1, t)));
        theta.addcdiv_(m, denominator, stepSize);
    }

    /// <summary>Frees the constant scalars.</summary>
    public void Dispose() => _constants.Dispose();
}
