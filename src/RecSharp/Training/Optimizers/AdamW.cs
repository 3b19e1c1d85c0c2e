namespace RecSharp.Training.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter, ICLR 2019): <see cref="Adam"/> with torch's AdamW defaults and update, a decoupled
/// weight decay λ = 1e-2 applied before the moments, <c>θ ← θ · (1 − lr · λ)</c>. Its state is Adam's
/// (<c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>); checkpoints record its own name, so a fit is resumed with AdamW.
/// </summary>
internal sealed class AdamW : Adam
{
    /// <summary>λ, the decoupled weight decay (torch's default for AdamW).</summary>
    public const double WeightDecay = 1e-2;

    public AdamW(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
        : base(parameters, learningRate, WeightDecay)
    {
    }
}
