namespace RecSharp.Bench.Measurement;

/// <summary>
/// Floating-point operations of one row through a model's forward pass, by part. Counted are the matrix products:
/// <c>2·in·out</c> per linear layer and <c>2·experts·dim</c> per gate's mixture of expert outputs.
/// </summary>
/// <param name="Experts">Expert DNNs (the shared bottom of SharedBottom).</param>
/// <param name="Gates">Gate DNNs and their final layers.</param>
/// <param name="Mixing">Weighted sums of expert outputs, one per gate that runs.</param>
/// <param name="Towers">Task towers and their final layers (both towers of ESMM).</param>
internal sealed record FlopCount(long Experts, long Gates, long Mixing, long Towers)
{
    /// <summary>The factor from a forward pass to a training step: the backward pass costs about twice the forward
    /// (gradients with respect to both the inputs and the weights of every matrix product).</summary>
    public const int TrainingFactor = 3;

    /// <summary>Forward FLOPs per row.</summary>
    public long Forward => Experts + Gates + Mixing + Towers;

    /// <summary>FLOPs per row of a training step (forward and backward), <see cref="TrainingFactor"/> × <see
    /// cref="Forward"/>.</summary>
    public long Training => TrainingFactor * Forward;
}
