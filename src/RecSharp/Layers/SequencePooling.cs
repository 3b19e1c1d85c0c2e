using static TorchSharp.torch;

namespace RecSharp.Layers;

/// <summary>
/// Pools a sequence of embeddings into one vector with a mask, as the reference's <c>SequencePoolingLayer</c>:
/// <c>sum</c> of valid positions; <c>mean</c> = sum / (count + 1e-8), so a row with no valid position pools to 0;
/// <c>max</c> over valid positions (a row with none pools to 0 rather than the reference's −1e9).
/// </summary>
internal static class SequencePooling
{
    private const double MeanEpsilon = 1e-8;

    /// <summary>Pools <paramref name="embeddings"/> <c>(batch, maxLen, dim)</c> under <paramref name="mask"/>
    /// <c>(batch, maxLen)</c> of 0/1 floats.</summary>
    /// <param name="embeddings">The embedded sequence.</param>
    /// <param name="mask">1 at valid positions, 0 at padding.</param>
    /// <param name="combiner"><c>sum</c>, <c>mean</c> or <c>max</c>.</param>
    /// <param name="weights">Optional <c>(batch, maxLen)</c> weights multiplied into each valid position first.</param>
    /// <returns><c>(batch, dim)</c>.</returns>
    public static Tensor Pool(Tensor embeddings, Tensor mask, string combiner, Tensor? weights = null)
    {
        using var scope = NewDisposeScope();
        var mask3 = mask.unsqueeze(2);                                   // (batch, maxLen, 1)
        var values = weights is null ? embeddings : embeddings * weights.unsqueeze(2);
        Tensor pooled;
        switch (combiner)
        {
            case "max":
            {
                var shifted = values - (1 - mask3) * 1e9;                  // padding far below any value
                var best = shifted.max(1).values;                        // (batch, dim)
                var any = mask.sum(1, keepdim: true).gt(0);              // (batch, 1)
                pooled = where(any, best, zeros_like(best));
                break;
            }
            case "sum":
                pooled = (values * mask3).sum(1);                        // (batch, dim)
                break;
            case "mean":
                var count = mask.sum(1, keepdim: true);                  // (batch, 1)
                pooled = (values * mask3).sum(1) / (count + MeanEpsilon); // (batch, dim)
                break;
            default:
                throw new ArgumentException($"combiner \"{combiner}\" is not one of mean, sum, max", nameof(combiner));
        }
        return pooled.MoveToOuterDisposeScope();
    }

    /// <summary>A <c>(batch, maxLen)</c> float mask of the first <paramref name="lengths"/> positions of each
    /// row.</summary>
    public static Tensor LengthMask(Tensor lengths, long maxLen)
    {
        using var scope = NewDisposeScope();
        var positions = arange(maxLen, dtype: ScalarType.Int64, device: lengths.device).unsqueeze(0); // (1, maxLen)
        return positions.lt(lengths.unsqueeze(1)).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Softmax of <paramref name="weights"/> over the valid positions of each row (the weight normalisation of
    /// weighted sequences); rows with no valid position get all-zero weights.
    /// </summary>
    public static Tensor NormalizeWeights(Tensor weights, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var masked = weights.masked_fill(mask.eq(0), double.NegativeInfinity);
        var normalized = masked.softmax(1).nan_to_num(0.0);              // all-padding rows give NaN → 0
        return normalized.MoveToOuterDisposeScope();
    }
}
